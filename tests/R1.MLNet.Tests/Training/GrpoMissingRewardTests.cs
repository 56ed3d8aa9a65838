using System.Diagnostics;
using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Training;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rewards.Judge;

namespace R1.MLNet.Tests.Training;

/// <summary>GRPO steps whose rewards fail on some samples (garbage values, hangs, a broken judge) or carry no signal.</summary>
public class GrpoMissingRewardTests
{
    private const int Samples = 8;   // 2 prompts × 4 generations

    private static GrpoOptions Options(int steps = 3) => new()
    {
        MaxSteps = steps, PromptsPerStep = 2, NumGenerations = 4, Seed = 5, Sampling = { MaxNewTokens = 6 },
        Optimizer = { LearningRate = 1e-2 },
    };

    /// <summary>The digit fraction, except that sample <c>bad</c> of every batch gets <c>value</c>.</summary>
    private sealed class OneBadValueReward(double value, int bad) : IReward
    {
        public string Name => "flaky";
        public ValueTask<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardSample> s, CancellationToken ct) =>
            new(s.Select((x, i) => RewardScore.Of(i == bad ? value : x.Completion.Count(char.IsDigit) / (x.Completion.Length + 1.0), "d"))
                .ToArray());
    }

    /// <summary>Never answers and never looks at its token.</summary>
    private sealed class HangingReward : IReward
    {
        public string Name => "hang";
        public ValueTask<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardSample> s, CancellationToken ct) =>
            new(new TaskCompletionSource<IReadOnlyList<RewardScore>>().Task);
    }

    private sealed class ConstantReward(double value) : RewardBase
    {
        public override string Name => "constant";
        protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken ct) =>
            ValueTask.FromResult(RewardScore.Of(value, "constant"));
    }

    private static GrpoResult Train(IRewardScorer scorer, ListLogger logger, int steps = 3, long seed = 1)
    {
        using var policy = TrainingFixtures.Create(seed);
        return new GrpoTrainer(policy, scorer, Options(steps), TrainingFixtures.Compact, logger).Train(TrainingFixtures.Prompts);
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    [TestCase(1e39)]
    public void One_non_finite_or_absurd_reward_drops_that_sample_and_the_step_still_learns(double bad)
    {
        var logger = new ListLogger();
        var scorer = new RewardScorer([(new OneBadValueReward(bad, bad: 3), 1.0)], logger: logger);

        var result = Train(scorer, logger);

        result.History.Should().HaveCount(3).And.OnlyContain(m => !m.Skipped, "one bad value must not veto the step");
        result.History.Should().OnlyContain(m => m.MissingRewards == 1 && m.MissingByReward["flaky"] == 1);
        result.History.Should().OnlyContain(m => double.IsFinite(m.RewardMean) && double.IsFinite(m.Loss));
        logger.Warnings.Where(l => l.Contains("Reward flaky: 1/8 scores missing (samples 3)")).Should().HaveCount(3);
        logger.Warnings.Where(l => l.Contains("1/8 samples lack a reward (flaky: 1)")).Should().HaveCount(3, "one summary per step");
    }

    [Test]
    public void A_reward_that_hangs_ignoring_cancellation_is_timed_out_and_the_run_goes_on()
    {
        var logger = new ListLogger();
        var scorer = new RewardScorer([(new DigitFractionReward(), 1.0), (new HangingReward(), 1.0)], TimeSpan.FromMilliseconds(200), logger);
        var clock = Stopwatch.StartNew();

        var result = Train(scorer, logger, steps: 2);

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
        result.StepsCompleted.Should().Be(2);
        result.History.Should().OnlyContain(m => m.MissingRewards == Samples && m.MissingByReward["hang"] == Samples && m.Skipped,
            "with every total incomplete there is nothing to train on");
        logger.Warnings.Should().Contain(l => l.Contains("Reward hang timed out") && l.Contains("abandoned"));
        logger.Warnings.Should().Contain(l => l.Contains("every completion is masked"));
    }

    [Test]
    public void A_judge_that_errors_hangs_or_talks_nonsense_leaves_those_samples_missing_and_the_steps_continue()
    {
        int calls = 0;
        var client = new ScriptedChatClient(_ => (Interlocked.Increment(ref calls) % 4) switch
        {
            0 => throw new HttpRequestException("judge is down"),
            1 => new TaskCompletionSource<string>().Task,                     // never answers, ignores cancellation
            2 => Task.FromResult("¯\\_(ツ)_/¯"),
            _ => Task.FromResult("CORRECT"),
        });
        using var judge = new JudgeReward(client, new JudgeOptions { Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 0, CacheSize = 0 });
        var logger = new ListLogger();
        var scorer = new RewardScorer([(judge, 1.0), (new DigitFractionReward(), 0.5)], TimeSpan.FromSeconds(30), logger);

        var result = Train(scorer, logger);

        result.StepsCompleted.Should().Be(3);
        calls.Should().BeGreaterThan(4, "the judge was asked about the completions");
        result.History.Sum(m => m.MissingByReward["judge"]).Should().BeGreaterThan(0);
        result.History.Should().OnlyContain(m => m.MissingRewards == m.MissingByReward["judge"] && m.MissingByReward["digits"] == 0);
        result.History.Should().OnlyContain(m => m.Skipped == (m.MissingRewards == Samples));
        result.History.Should().Contain(m => !m.Skipped);
        logger.Warnings.Should().Contain(l => l.Contains("Reward judge:") && l.Contains("scores missing"));
        logger.Warnings.Should().NotContain(l => l.Contains("Judge request attempt"), "failures are summarised, not logged per sample");
    }

    [Test]
    public void A_step_where_no_group_carries_signal_warns_and_says_so_in_the_metrics()
    {
        var logger = new ListLogger();
        var scorer = new RewardScorer([(new ConstantReward(0), 1.0)], logger: logger);

        var result = Train(scorer, logger, steps: 2);

        result.History.Should().OnlyContain(m => m.NoSignal && m.ZeroStdFraction == 1 && m.MissingRewards == 0);
        logger.Warnings.Where(l => l.Contains("no group carries a learning signal")).Should().HaveCount(2, "one warning per step");
    }

    [Test]
    public void A_healthy_step_reports_nothing_missing_and_carries_signal()
    {
        var logger = new ListLogger();
        var result = Train(new RewardScorer([(new DigitFractionReward(), 1.0)], logger: logger), logger, steps: 1);

        var m = result.History.Single();
        m.MissingRewards.Should().Be(0);
        m.MissingByReward.Should().Equal(new Dictionary<string, int> { ["digits"] = 0 });
        m.NoSignal.Should().BeFalse();
        logger.Warnings.Should().BeEmpty();
    }
}
