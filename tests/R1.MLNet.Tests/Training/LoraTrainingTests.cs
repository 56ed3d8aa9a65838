using R1.MLNet.Training;
using R1.MLNet.Tests.Recipe;
using R1.Rollout;
using R1.Rollout.Lora;
using R1.Rollout.Scoring;
using static TorchSharp.torch;

namespace R1.MLNet.Tests.Training;

/// <summary>The trainers with <c>Lora</c> set: adapters only, the reference is the base, checkpoints resume bit-exactly.</summary>
public class LoraTrainingTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), "r1-lora-train-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static GrpoOptions Options(int steps = 4) => new()
    {
        MaxSteps = steps, PromptsPerStep = 2, NumGenerations = 4, NumIterations = 2, GradientAccumulationSteps = 2, Seed = 11,
        Sampling = { MaxNewTokens = 8 },
        Loss = { Beta = 0.04 },
        Optimizer = { LearningRate = 2e-2, WarmupSteps = 1 },
        Lora = new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0.1, Seed = 5 },
    };

    private static float[] Base(Policy policy) => policy.Model.named_parameters().Where(p => !p.name.Contains(".lora_"))
        .SelectMany(p => p.parameter.detach().data<float>().ToArray()).ToArray();

    [Test]
    public void Lora_grpo_trains_only_the_adapters_against_the_base_and_resumes_bit_exactly()
    {
        var scorer = TrainingFixtures.Scorer(new DigitFractionReward());
        using var straight = TrainingFixtures.Create(seed: 1);
        var initialBase = Base(straight);
        var full = new GrpoTrainer(straight, scorer, Options(), TrainingFixtures.Compact).Train(TrainingFixtures.Prompts);
        full.History.Should().OnlyContain(m => !m.Skipped);
        straight.Lora!.Rank.Should().Be(4, "the trainer attached the configured adapters");
        Base(straight).Should().Equal(initialBase, "the base is frozen");
        full.History[0].Kl.Should().Be(0, "B starts at zero, so in step 1 the policy is exactly its base, the reference");
        full.History[^1].Kl.Should().BeGreaterThan(0, "the adapters moved the policy away from the base");

        using var cts = new CancellationTokenSource();
        var interrupted = Options();
        interrupted.Checkpoints.Directory = _dir;
        interrupted.Progress = new Inline<GrpoStepMetrics>(m => { if (m.Step == 2) cts.Cancel(); });
        using (var first = TrainingFixtures.Create(seed: 1))
            new GrpoTrainer(first, scorer, interrupted, TrainingFixtures.Compact).Train(TrainingFixtures.Prompts, ct: cts.Token);
        PeftAdapter.Exists(Path.Combine(_dir, "step-000002", "policy", PeftAdapter.PolicySubfolder)).Should().BeTrue();
        Directory.GetDirectories(_dir, "reference-*").Should().BeEmpty("under LoRA the reference is the saved base, not a stored copy");

        var resume = Options();
        resume.Checkpoints.Directory = _dir;
        resume.Checkpoints.ResumeFrom = "latest";
        using var resumed = TrainingFixtures.Create(seed: 999);
        var rest = new GrpoTrainer(resumed, scorer, resume, TrainingFixtures.Compact).Train(TrainingFixtures.Prompts);
        rest.History.Select(m => m.RewardMean).Should().Equal(full.History.Skip(2).Select(m => m.RewardMean));
        PolicyWeights.Flat(resumed).Should().Equal(PolicyWeights.Flat(straight), "base and adapters resume bit-exactly");

        var withoutLora = Options();
        withoutLora.Lora = null;
        withoutLora.Checkpoints.Directory = _dir;
        withoutLora.Checkpoints.ResumeFrom = Path.Combine(_dir, "step-000002");
        using var plain = TrainingFixtures.Create(seed: 3);
        var act = () => new GrpoTrainer(plain, scorer, withoutLora, TrainingFixtures.Compact).Train(TrainingFixtures.Prompts);
        act.Should().Throw<InvalidDataException>().WithMessage("*LoRA adapter*set Lora*");
    }

    [Test]
    public void The_reference_under_lora_scores_exactly_as_the_base_model()
    {
        string baseDir = Path.Combine(_dir, "base");
        using var policy = TrainingFixtures.Create(seed: 2);
        policy.Save(baseDir);
        policy.AddLora(new LoraOptions { Rank = 4, Dropout = 0 });
        using (no_grad())
            foreach (var (name, p) in policy.Model.named_parameters())
                if (name.Contains("lora_B")) p.fill_(0.05);
        using var basePolicy = Policy.Load(baseDir);
        using var batch = ScoringBatch.Build([[5, 6, 7], [8, 9]], [[10, 11], [12, 13, 14]], policy.Tokenizer.PadId, policy.Device);

        using var reference = KlReference.For(policy, beta: 0.04)!;
        reference.StoredCopy.Should().BeNull("no second copy of the model under LoRA");
        var expected = LogProbScorer.Compute(basePolicy.Model, batch).LogProbs.data<float>().ToArray();
        // The same weights through the LoRA wrapper (adapters off) and the plain Linear: equal up to the CPU kernel's rounding
        // (bit-equal on the Intel machines this was written on, 1 ulp apart on an AMD EPYC).
        reference.LogProbs(batch, 1.0).data<float>().ToArray().Should().Equal(expected, (a, e) => Math.Abs(a - e) <= 1e-6f);
        LogProbScorer.Compute(policy.Model, batch).LogProbs.detach().data<float>().ToArray().Should().NotEqual(expected, "the adapters are on");
    }

    /// <summary>Measured: loss 4.588 → 4.110 in 40 steps (the frozen random micro base limits what rank-8 adapters can fit).</summary>
    [Test]
    public void Lora_sft_lowers_the_loss_with_the_base_frozen()
    {
        var pairs = Enumerable.Range(0, 6).Select(i => ($"{i}+{i}", $"<answer>{2 * i}</answer>")).ToArray();
        using var policy = TrainingFixtures.Create(seed: 8);
        var initialBase = Base(policy);
        var options = new SftOptions
        {
            MaxSteps = 40, BatchSize = 6, LogEvery = 1, Seed = 4, Optimizer = { LearningRate = 1e-2, WarmupSteps = 1 },
            Lora = new LoraOptions { Rank = 8, Alpha = 16 },
        };
        var result = new SftTrainer(policy, options, TrainingFixtures.Compact).Train(pairs);
        TestContext.Out.WriteLine($"LoRA SFT loss: first {result.History[0].Loss:F3}, last {result.History[^1].Loss:F3}");
        result.History[^1].Loss.Should().BeLessThan(result.History[0].Loss - 0.3);
        Base(policy).Should().Equal(initialBase);
        policy.Model.parameters().Where(p => p.requires_grad).Should().HaveCount(2 * 7 * 2);
    }
}
