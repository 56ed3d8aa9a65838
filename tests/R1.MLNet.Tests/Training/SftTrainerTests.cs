using R1.Rollout.Scoring;
using R1.MLNet.Training;
using R1.Rollout.Generation;
using TorchSharp;
using static TorchSharp.torch;

namespace R1.MLNet.Tests.Training;

public class SftTrainerTests
{
    [Test]
    public void Learns_to_reproduce_responses_and_stop()
    {
        using var policy = TrainingFixtures.Create(seed: 5);
        var pairs = new[] { ("2+3", "<think>2+3=5</think><answer>5</answer>"), ("4+4", "<think>4+4=8</think><answer>8</answer>") };
        var options = new SftOptions { MaxSteps = 150, BatchSize = 2, Optimizer = { LearningRate = 1e-2 }, LogEvery = 50 };
        var result = new SftTrainer(policy, options, TrainingFixtures.Compact).Train(pairs);

        result.Steps.Should().Be(150);
        result.History[0].Loss.Should().BeGreaterThan(3.0, "a random model is near-uniform over ~100 characters");
        result.FinalLoss.Should().BeLessThan(0.05);
        var prompts = pairs.Select(p => TrainingFixtures.Compact.Render(p.Item1)).ToList();
        var generated = new RolloutGenerator(policy.Model, policy.Tokenizer)
            .Generate(prompts, new SamplingOptions { Greedy = true, MaxNewTokens = 40 });
        generated.Select(g => g.Text).Should().Equal(pairs.Select(p => p.Item2));
        generated.Should().OnlyContain(g => g.FinishReason == FinishReason.Stop, "the appended EOS teaches the model to stop");
    }

    [Test]
    public void The_loss_counts_response_tokens_only()
    {
        // The same response after two different prompts: the first step's loss is the mean NLL over response (+EOS) tokens.
        using var policy = TrainingFixtures.Create(seed: 6);
        var tok = TrainingFixtures.Tokenizer;
        var pairs = new[] { ("1+1", "<answer>2</answer>"), ("a much longer prompt than the other one", "<answer>2</answer>") };
        float expected;
        using (var scope = NewDisposeScope())
        using (no_grad())
        using (var batch = ScoringBatch.Build(pairs.Select(p => tok.Encode(TrainingFixtures.Compact.Render(p.Item1))).ToList(),
                   pairs.Select(p => (IReadOnlyList<int>)tok.Encode(p.Item2).Append(tok.EosIds[0]).ToList()).ToList(), tok.PadId, policy.Device))
        {
            var (logp, _) = LogProbScorer.Compute(policy.Model, batch);
            expected = (-(logp * batch.CompletionMask).sum() / batch.CompletionMask.sum()).ToSingle();
            batch.CompletionMask.sum().ToSingle().Should().Be(2 * (tok.Encode(pairs[0].Item2).Count + 1));
        }
        var result = new SftTrainer(policy, new SftOptions { MaxSteps = 1, BatchSize = 2 }, TrainingFixtures.Compact).Train(pairs);
        result.History[0].Loss.Should().BeApproximately(expected, 1e-5);
    }

    [Test]
    public void Completion_batches_left_pad_prompts_and_right_pad_completions()
    {
        using var scope = NewDisposeScope();
        using var batch = ScoringBatch.Build([[5, 6, 7], [8]], [[9], [10, 11]], padId: 0, CPU);
        batch.InputIds.data<long>().ToArray().Should().Equal(5, 6, 7, 9, 0, 0, 0, 8, 10, 11);
        batch.AttentionMask.data<long>().ToArray().Should().Equal(1, 1, 1, 1, 0, 0, 0, 1, 1, 1);
        batch.PositionIds.data<long>().ToArray().Should().Equal(0, 1, 2, 3, 3, 0, 0, 0, 1, 2);
        batch.CompletionMask.data<float>().ToArray().Should().Equal(1, 0, 1, 1);
        batch.PromptWidth.Should().Be(3);
    }

    [Test]
    public void Empty_inputs_are_rejected_clearly()
    {
        using var policy = TrainingFixtures.Create(seed: 7);
        var trainer = new SftTrainer(policy, new SftOptions());
        FluentActions.Invoking(() => trainer.Train([])).Should().Throw<ArgumentException>().WithMessage("*at least one example*");
        FluentActions.Invoking(() => trainer.Train([("q", "")])).Should().Throw<ArgumentException>().WithMessage("*Example 0 has an empty response*");
        FluentActions.Invoking(() => new SftTrainer(policy, new SftOptions { BatchSize = 0 })).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*BatchSize*");
    }

    [Test]
    public void Resuming_from_a_checkpoint_gives_the_same_weights_as_the_uninterrupted_run()
    {
        string dir = Path.Combine(Path.GetTempPath(), "r1-sft-ckpt-" + Guid.NewGuid().ToString("N"));
        try
        {
            var pairs = Enumerable.Range(0, 6).Select(i => ($"{i}+{i}", $"<answer>{2 * i}</answer>")).ToArray();
            SftOptions Options() => new()
            {
                MaxSteps = 6, BatchSize = 2, Optimizer = { LearningRate = 1e-2, WarmupSteps = 1 }, LogEvery = 1, Seed = 4,
                Checkpoints = { Directory = dir, Every = 2 },
            };
            using var straight = TrainingFixtures.Create(seed: 8);
            var noCheckpoints = Options();
            noCheckpoints.Checkpoints = new CheckpointOptions();
            var full = new SftTrainer(straight, noCheckpoints, TrainingFixtures.Compact).Train(pairs);

            using var cts = new CancellationTokenSource();
            var interrupted = Options();
            interrupted.Progress = new Progress(m => { if (m.Step == 3) cts.Cancel(); });
            using (var first = TrainingFixtures.Create(seed: 8))
                new SftTrainer(first, interrupted, TrainingFixtures.Compact).Train(pairs, cts.Token).Cancelled.Should().BeTrue();
            Directory.Exists(Path.Combine(dir, "step-000003")).Should().BeTrue("cancellation writes a checkpoint");

            var resume = Options();
            resume.Checkpoints.ResumeFrom = "latest";
            using var resumed = TrainingFixtures.Create(seed: 99);
            var rest = new SftTrainer(resumed, resume, TrainingFixtures.Compact).Train(pairs);
            rest.Steps.Should().Be(6);
            rest.History.Select(m => m.Step).Should().Equal(4, 5, 6);
            rest.History.Select(m => m.Loss).Should().Equal(full.History.Skip(3).Select(m => m.Loss));
            PolicyWeights.Flat(resumed).Should().Equal(PolicyWeights.Flat(straight), "resumed weights must be bit-identical");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class Progress(Action<SftStepMetrics> action) : IProgress<SftStepMetrics>
    {
        public void Report(SftStepMetrics value) => action(value);
    }
}
