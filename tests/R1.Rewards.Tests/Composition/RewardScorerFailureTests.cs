using System.Diagnostics;
using Microsoft.Extensions.Logging;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;

namespace R1.Rewards.Tests.Composition;

/// <summary>How the scorer treats rewards that hang, throw or return garbage: their scores are missing, with one warning per reward.</summary>
public class RewardScorerFailureTests
{
    private static readonly RewardSample[] Batch = Enumerable.Range(0, 7)
        .Select(i => new RewardSample { Prompt = $"q{i}", Completion = $"{i}" }).ToArray();

    /// <summary>A reward that never completes and never looks at its cancellation token.</summary>
    private sealed class HangingReward : IReward
    {
        public string Name => "hang";
        public ValueTask<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardSample> s, CancellationToken ct) =>
            new(new TaskCompletionSource<IReadOnlyList<RewardScore>>().Task);
    }

    /// <summary>A reward that blocks its thread for a while, ignoring its token.</summary>
    private sealed class BlockingReward : IReward
    {
        public string Name => "block";
        public ValueTask<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardSample> s, CancellationToken ct)
        {
            Thread.Sleep(6000);
            return new(s.Select(_ => RewardScore.Of(1, "late")).ToArray());
        }
    }

    /// <summary>Scores sample i with values[i].</summary>
    private sealed class ListReward(string name, params double[] values) : IReward
    {
        public string Name => name;
        public ValueTask<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardSample> s, CancellationToken ct) =>
            new(s.Select((_, i) => RewardScore.Of(values[i], $"v{i}")).ToArray());
    }

    /// <summary>Throws on even samples, "not applicable" on sample 1, 0.5 elsewhere.</summary>
    private sealed class PatchyReward : RewardBase
    {
        public override string Name => "patchy";
        protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken ct)
        {
            int i = int.Parse(sample.Completion);
            if (i == 1) return ValueTask.FromResult(RewardScore.NotApplicable("does not apply"));
            if (i % 2 == 0) throw new InvalidOperationException($"cannot score {i}");
            return ValueTask.FromResult(RewardScore.Of(0.5, "half"));
        }
    }

    private static (RewardScorer Scorer, ListLoggerProvider Logs) Scorer(TimeSpan? timeout, params (IReward, double)[] rewards)
    {
        var logs = new ListLoggerProvider();
        return (new RewardScorer(rewards, timeout, logs.CreateLogger("scorer")), logs);
    }

    [TestCase(typeof(HangingReward))]
    [TestCase(typeof(BlockingReward))]
    public async Task A_reward_that_ignores_cancellation_is_timed_out_and_its_scores_are_missing(Type type)
    {
        var slow = (IReward)Activator.CreateInstance(type)!;
        // A generous timeout, so that the quick reward finishes in time even on a loaded machine.
        var (scorer, logs) = Scorer(TimeSpan.FromSeconds(1.5), (slow, 1.0), (new ListReward("ok", 1, 1, 1, 1, 1, 1, 1), 1.0));
        var clock = Stopwatch.StartNew();

        var result = await scorer.ScoreAsync(Batch);

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the timeout holds even when the reward ignores its token");
        result[slow.Name].Should().OnlyContain(s => s.IsMissing && s.Diagnostic.Contains("timed out"));
        result.TotalMissing.Should().AllBeEquivalentTo(true);
        result["ok"].Should().OnlyContain(s => s.Value == 1);
        logs.Lines.Should().ContainSingle(l => l.StartsWith("Warning") && l.Contains($"Reward {slow.Name} timed out"));
    }

    [Test]
    public async Task Non_finite_and_absurd_values_are_missing_with_a_warning_naming_the_reward_and_the_samples()
    {
        var (scorer, logs) = Scorer(null,
            (new ListReward("wild", 0.5, double.NaN, double.PositiveInfinity, 1e39, double.NegativeInfinity, -1e6, 0.25), 2.0),
            (new ListReward("ok", 1, 1, 1, 1, 1, 1, 1), 1.0));

        var result = await scorer.ScoreAsync(Batch);

        result["wild"].Select(s => s.IsMissing).Should().Equal(false, true, true, true, true, false, false);
        result.TotalMissing.Should().Equal(false, true, true, true, true, false, false);
        result.MissingCount(0).Should().Be(4);
        result.Total[0].Should().Be(2.0 * 0.5 + 1);
        result.Total[5].Should().Be(2.0 * -1e6 + 1, $"{RewardScorer.MaxAbsoluteScore} itself is still a valid magnitude");
        result["wild"][3].Diagnostic.Should().Contain("invalid score 1E+39");
        logs.Lines.Where(l => l.StartsWith("Warning")).Should().ContainSingle()
            .Which.Should().Contain("Reward wild: 4/7 scores missing (samples 1, 2, 3, 4)").And.Contain("not finite");
    }

    [Test]
    public async Task Failures_are_missing_and_warned_once_while_not_applicable_is_silent()
    {
        var (scorer, logs) = Scorer(null, (new PatchyReward(), 1.0));

        var result = await scorer.ScoreAsync(Batch);

        result["patchy"].Select(s => s.IsMissing).Should().Equal(true, false, true, false, true, false, true);
        result["patchy"][1].Should().Be(RewardScore.NotApplicable("does not apply"));
        result.TotalMissing.Should().Equal(true, false, true, false, true, false, true);
        result.Total.Should().Equal(0, 0, 0, 0.5, 0, 0.5, 0);
        logs.Lines.Where(l => l.StartsWith("Warning")).Should().ContainSingle()
            .Which.Should().Contain("Reward patchy: 4/7 scores missing (samples 0, 2, 4, 6): 1x patchy failed: InvalidOperationException");
    }

    [Test]
    public async Task A_missing_score_of_a_reward_with_weight_zero_leaves_the_total_complete()
    {
        var (scorer, _) = Scorer(null, (new ListReward("logged-only", double.NaN, 1, 1, 1, 1, 1, 1), 0.0),
            (new ListReward("ok", 1, 1, 1, 1, 1, 1, 1), 1.0));

        var result = await scorer.ScoreAsync(Batch);

        result["logged-only"][0].IsMissing.Should().BeTrue();
        result.TotalMissing.Should().AllBeEquivalentTo(false);
    }

    [Test]
    public void Missing_differs_from_not_applicable()
    {
        RewardScore.Missing("judge timed out").Should().NotBe(RewardScore.NotApplicable("judge timed out"));
        RewardScore.Missing("x").ToString().Should().Be("missing (x)");
        RewardScore.NotApplicable("x").IsMissing.Should().BeFalse();
        RewardScore.Missing("x").IsApplicable.Should().BeFalse();
    }
}
