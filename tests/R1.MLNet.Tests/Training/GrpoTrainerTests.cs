using R1.MLNet.Training;

namespace R1.MLNet.Tests.Training;

public class GrpoTrainerTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), "r1-grpo-tests-" + Guid.NewGuid().ToString("N"));

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
        Optimizer = { LearningRate = 1e-2, Schedule = LearningRateScheduleKind.Cosine, WarmupSteps = 1 },
    };

    [Test]
    public void Resuming_from_a_checkpoint_continues_exactly_like_the_uninterrupted_run()
    {
        var scorer = TrainingFixtures.Scorer(new DigitFractionReward());
        using var straight = TrainingFixtures.Create(seed: 1);
        var full = new GrpoTrainer(straight, scorer, Options(), TrainingFixtures.Compact).Train(TrainingFixtures.Prompts);
        full.StepsCompleted.Should().Be(4);
        full.History.Should().OnlyContain(m => !m.Skipped);

        // Interrupted: cancel after step 2; the trainer stops at the step boundary and leaves a checkpoint.
        using var cts = new CancellationTokenSource();
        var interruptedOptions = Options();
        interruptedOptions.Checkpoints.Directory = _dir;
        interruptedOptions.Progress = new Inline<GrpoStepMetrics>(m => { if (m.Step == 2) cts.Cancel(); });
        using var first = TrainingFixtures.Create(seed: 1);
        var part = new GrpoTrainer(first, scorer, interruptedOptions, TrainingFixtures.Compact).Train(TrainingFixtures.Prompts, ct: cts.Token);
        part.Cancelled.Should().BeTrue();
        part.StepsCompleted.Should().Be(2);
        Directory.Exists(Path.Combine(_dir, "step-000002", "policy")).Should().BeTrue("the checkpoint holds a loadable policy");

        // Resume into a differently initialised policy, as a fresh process would.
        var resumeOptions = Options();
        resumeOptions.Checkpoints.Directory = _dir;
        resumeOptions.Checkpoints.ResumeFrom = "latest";
        using var resumed = TrainingFixtures.Create(seed: 999);
        var rest = new GrpoTrainer(resumed, scorer, resumeOptions, TrainingFixtures.Compact).Train(TrainingFixtures.Prompts);
        rest.StepsCompleted.Should().Be(4);
        rest.History.Select(m => m.Step).Should().Equal(3, 4);
        rest.History.Select(m => m.RewardMean).Should().Equal(full.History.Skip(2).Select(m => m.RewardMean));
        PolicyWeights.Flat(resumed).Should().Equal(PolicyWeights.Flat(straight), "resumed weights must be bit-identical");
    }

    [Test]
    public void A_reward_that_is_NaN_everywhere_leaves_nothing_to_train_on_and_skips_the_update()
    {
        var scorer = TrainingFixtures.Scorer(new NaNReward());
        using var policy = TrainingFixtures.Create(seed: 2);
        var before = PolicyWeights.Flat(policy);
        var result = new GrpoTrainer(policy, scorer, Options(steps: 2), TrainingFixtures.Compact).Train(TrainingFixtures.Prompts);
        result.History.Should().HaveCount(2).And.OnlyContain(m => m.Skipped && m.MissingRewards == 8 && m.MissingByReward["nan"] == 8);
        PolicyWeights.Flat(policy).Should().Equal(before);
    }

    [Test]
    public void Metrics_go_to_the_jsonl_file_and_the_progress_callback()
    {
        var options = Options(steps: 2);
        options.MetricsPath = Path.Combine(_dir, "metrics.jsonl");
        var seen = new List<GrpoStepMetrics>();
        options.Progress = new Inline<GrpoStepMetrics>(seen.Add);
        using var policy = TrainingFixtures.Create(seed: 3);
        new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact)
            .Train(TrainingFixtures.Prompts);
        var lines = MetricsJsonlWriter.ReadAll<GrpoStepMetrics>(options.MetricsPath);
        lines.Select(l => l.Step).Should().Equal(1, 2);
        seen.Should().HaveCount(2);
        var m = lines[1];
        m.Rewards.Should().ContainKey("digits");
        m.CompletionLength.Should().BeInRange(1, 8);
        m.Entropy.Should().BePositive();
        m.Kl.Should().BePositive("after one update the policy differs from the reference");
        (m.RolloutSeconds + m.LearningSeconds).Should().BePositive();
        File.ReadAllLines(options.MetricsPath)[0].Should().Contain("\"reward_mean\"").And.Contain("\"zero_std_fraction\"");
    }

    [Test]
    public void Bad_options_are_rejected_with_the_option_name()
    {
        using var policy = TrainingFixtures.Create(seed: 4);
        var scorer = TrainingFixtures.Scorer(new DigitFractionReward());
        var bad = Options();
        bad.NumGenerations = 1;
        FluentActions.Invoking(() => new GrpoTrainer(policy, scorer, bad)).Should().Throw<ArgumentException>().WithMessage("*NumGenerations*");
        bad = Options();
        bad.GradientAccumulationSteps = 3;
        FluentActions.Invoking(() => new GrpoTrainer(policy, scorer, bad)).Should().Throw<ArgumentException>()
            .WithMessage("*GradientAccumulationSteps*");
        FluentActions.Invoking(() => new GrpoTrainer(policy, scorer, Options()).Train([])).Should().Throw<ArgumentException>()
            .WithMessage("*at least one*");
    }
}
