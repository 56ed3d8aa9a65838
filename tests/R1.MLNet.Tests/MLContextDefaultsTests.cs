using Microsoft.ML;
using Microsoft.ML.Runtime;
using R1.MLNet.Grpo;
using R1.MLNet.Sft;
using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Tests.Training;
using R1.MLNet.Training;

namespace R1.MLNet.Tests;

/// <summary>
/// The steps of <c>mlContext.Reasoning()</c> take their seed and log channel from the <see cref="MLContext"/> when their options
/// leave them unset: the same context seed trains the same weights, another seed other weights, an explicit seed wins, and
/// <c>ml.Log</c> receives the SFT and GRPO progress without any logger factory.
/// </summary>
public class MLContextDefaultsTests
{
    private sealed class Row
    {
        public string Prompt { get; set; } = "";
        public string Response { get; set; } = "";
        public string Answer { get; set; } = "";
    }

    private static readonly Row[] Rows = Enumerable.Range(0, 6)
        .Select(i => new Row { Prompt = $"{i}+{i + 1}", Answer = $"{2 * i + 1}", Response = $"<answer>{2 * i + 1}</answer>" }).ToArray();

    [Test]
    public void The_context_seed_decides_the_run_when_the_options_leave_it_unset()
    {
        var first = Train(new MLContext(seed: 1));
        var again = Train(new MLContext(seed: 1));
        var other = Train(new MLContext(seed: 2));

        again.Should().Equal(first, "the same MLContext seed gives the same example order and rollouts");
        other.Should().NotEqual(first, "another MLContext seed gives another run");
    }

    [Test]
    public void An_explicit_seed_wins_over_the_context_and_the_options_are_not_changed()
    {
        var sft = new SftOptions { MaxSteps = 3, BatchSize = 2, Seed = 5, Optimizer = { LearningRate = 1e-2 } };
        var grpo = new GrpoOptions { MaxSteps = 1, PromptsPerStep = 2, NumGenerations = 2, Seed = 5, Sampling = { MaxNewTokens = 4 } };
        var unset = new SftOptions { MaxSteps = 3, BatchSize = 2, Optimizer = { LearningRate = 1e-2 } };

        Train(new MLContext(seed: 1), sft, grpo).Should().Equal(Train(new MLContext(seed: 2), sft, grpo));
        Train(new MLContext(seed: 1), unset, grpo);

        unset.Seed.Should().BeNull("the estimator runs a copy carrying the context's seed");
    }

    [Test]
    public void MLContext_Log_receives_the_SFT_and_GRPO_progress_without_a_logger_factory()
    {
        var ml = new MLContext(seed: 0);
        var messages = new List<(string Source, ChannelMessageKind Kind, string Message)>();
        ml.Log += (_, e) => { lock (messages) messages.Add((e.Source, e.Kind, e.Message)); };

        Train(ml);

        var ours = messages.Where(m => m.Source.StartsWith("R1", StringComparison.Ordinal) && m.Kind == ChannelMessageKind.Info).ToList();
        ours.Should().Contain(m => m.Source.EndsWith("SftTrainer") && m.Message.Contains("sft step 3/3"), "SFT logs its loss per step");
        ours.Should().Contain(m => m.Source.EndsWith("GrpoTrainer") && m.Message.Contains("step 1/1 reward"), "GRPO logs each step");
    }

    private static float[] Train(MLContext ml, SftOptions? sft = null, GrpoOptions? grpo = null)
    {
        var r = ml.Reasoning();
        var data = ml.Data.LoadFromEnumerable(Rows);
        var pipeline = r.Sft(new SftEstimator.Options
            {
                Policy = PolicySource.FromScratch(TrainingFixtures.Micro(), TrainingFixtures.Tokenizer), Prompt = TrainingFixtures.Compact,
                Trainer = sft ?? new SftOptions { MaxSteps = 3, BatchSize = 2, LogEvery = 1, Optimizer = { LearningRate = 1e-2 } },
            })
            .Append(r.Grpo(new GrpoEstimator.Options
            {
                Rewards = TrainingFixtures.Scorer(new DigitReward()), Prompt = TrainingFixtures.Compact,
                Trainer = grpo ?? new GrpoOptions { MaxSteps = 1, PromptsPerStep = 2, NumGenerations = 2, Sampling = { MaxNewTokens = 4 } },
            }));
        using var policy = pipeline.Fit(data).LastTransformer.Policy;
        return PolicyWeights.Flat(policy);
    }
}
