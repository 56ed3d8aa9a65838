using System.Diagnostics;
using R1.Rewards.Abstractions;
using R1.Rewards.Math;

namespace R1.Rewards.Tests.Math;

/// <summary>
/// Hostile answers and completions must come back "not equivalent" (or 0) with a diagnostic, within the check's bound.
/// The bound asserted is the configured timeout plus generous slack for a loaded CI machine; it is a limit, not a speed measurement.
/// </summary>
public class HostileInputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static MathEquivalence Check(string a, string b, MathAccuracyOptions? options = null)
    {
        var clock = Stopwatch.StartNew();
        var result = MathVerifier.AreEquivalent(a, b, options);
        clock.Elapsed.Should().BeLessThan(Bound);
        result.Diagnostic.Should().NotBeNullOrWhiteSpace();
        return result;
    }

    [Test]
    public void Ten_thousand_nested_braces_are_refused_by_size_and_by_depth()
    {
        var deep = new string('{', 10_000) + "1" + new string('}', 10_000);
        var bySize = Check(deep, "1");
        bySize.IsEquivalent.Should().BeFalse();
        bySize.Diagnostic.Should().Contain("too long");

        var byTokens = Check(deep, "1", new MathAccuracyOptions { MaxAnswerLength = 100_000 });
        byTokens.IsEquivalent.Should().BeFalse();
        byTokens.Diagnostic.Should().Contain("tokens");

        var byDepth = Check(new string('{', 2_000) + "1" + new string('}', 2_000), "1", new MathAccuracyOptions { MaxAnswerLength = 100_000 });
        byDepth.IsEquivalent.Should().BeFalse();
        byDepth.Diagnostic.Should().Contain("nesting deeper than");
    }

    [Test]
    public void Deeply_nested_parentheses_and_signs_stop_at_the_depth_limit()
    {
        Check(new string('(', 400) + "1" + new string(')', 400), "1").Diagnostic.Should().Contain("nesting");
        Check(new string('-', 600) + "1", "1").Diagnostic.Should().Contain("nesting");
    }

    [Test]
    public async Task Long_operator_chains_evaluate_without_exhausting_the_stack()
    {
        var options = new MathAccuracyOptions { MaxAnswerLength = 100_000 };
        var sum = string.Join("+", Enumerable.Repeat("x", 2_000));
        Check(sum, "2000x", options).IsEquivalent.Should().BeTrue();
        var power = string.Join("^", Enumerable.Repeat("1", 2_000));
        Check(power, "1", options).IsEquivalent.Should().BeTrue();
        var reward = new MathAccuracyReward(options);
        var scores = await reward.ScoreAsync([new() { Prompt = "q", Completion = $"\\boxed{{{sum}}}", Answer = "2000x" }]);
        scores[0].Value.Should().Be(1, scores[0].Diagnostic);
    }

    [Test]
    public void Tower_of_powers_is_not_computed_exactly_and_does_not_match_by_overflow()
    {
        var tower = Check("10^{10^{10}}", "1");
        tower.IsEquivalent.Should().BeFalse();
        tower.Diagnostic.Should().Contain("overflows");
        Check("10^{10^{10}}", "10^{10^{11}}").IsEquivalent.Should().BeFalse("two overflowing values are not known to be equal");
        Check("2^{100000}", "2^{100001}").IsEquivalent.Should().BeFalse();
        Check("2^{64}", "18446744073709551616").IsEquivalent.Should().BeTrue("exact powers within the size limit still work");
    }

    [TestCase("\\frac{1}{")]
    [TestCase("((1+2")]
    [TestCase("\\sqrt")]
    [TestCase("1++")]
    [TestCase("}{")]
    [TestCase("\\begin{pmatrix}1&2")]
    [TestCase("\\unknowncommand{3}")]
    [TestCase("\\left(")]
    [TestCase("^^^")]
    [TestCase("\\")]
    [TestCase("\\begin{align}x\\end{align}")]
    public void Malformed_latex_is_not_equivalent_with_a_diagnostic(string malformed)
    {
        var result = Check(malformed, "3");
        result.IsEquivalent.Should().BeFalse();
    }

    [Test]
    public void A_check_that_runs_out_of_time_reports_the_timeout()
    {
        var items = Enumerable.Range(1, 100).Select(k => $"\\sqrt{{{k}}}").ToList();
        var set = "\\{" + string.Join(",", items) + "\\}";
        var reversed = "\\{" + string.Join(",", items.AsEnumerable().Reverse()) + "\\}";
        var options = new MathAccuracyOptions { CheckTimeout = TimeSpan.FromMilliseconds(1), MaxSteps = long.MaxValue, MaxAnswerLength = 100_000 };
        var result = Check(set, reversed, options);
        result.IsEquivalent.Should().BeFalse();
        result.Diagnostic.Should().Contain("timed out");
        Check(set, reversed, new MathAccuracyOptions { MaxAnswerLength = 100_000, MaxSteps = 10_000_000 }).IsEquivalent.Should()
            .BeTrue("with enough budget the sets match");
    }

    [Test]
    public void A_one_megabyte_completion_scores_zero_with_a_diagnostic()
    {
        var completion = string.Concat(Enumerable.Repeat("Let me think again. ", 52_429)) + "\\boxed{42}";
        completion.Length.Should().BeGreaterThan(1_000_000);
        var reward = new MathAccuracyReward();
        var clock = Stopwatch.StartNew();
        var score = reward.Score(new RewardSample { Prompt = "q", Completion = completion, Answer = "42" });
        clock.Elapsed.Should().BeLessThan(Bound);
        score.Value.Should().Be(0);
        score.Diagnostic.Should().Contain("exceeds MaxCompletionLength");
    }

    [Test]
    public void A_one_megabyte_completion_is_scanned_in_one_pass_when_allowed()
    {
        var hostile = string.Concat(Enumerable.Repeat("\\boxed{{(", 120_000)) + " \\boxed{42}";
        var reward = new MathAccuracyReward(new MathAccuracyOptions { MaxCompletionLength = 2_000_000 });
        var clock = Stopwatch.StartNew();
        var score = reward.Score(new RewardSample { Prompt = "q", Completion = hostile, Answer = "42" });
        clock.Elapsed.Should().BeLessThan(Bound);
        score.Value.Should().Be(1, score.Diagnostic);
    }

    [Test]
    public void Unclosed_boxes_with_deep_nesting_score_zero()
    {
        var reward = new MathAccuracyReward();
        var score = reward.Score(new RewardSample { Prompt = "q", Completion = "\\boxed{" + new string('{', 10_000), Answer = "1" });
        score.Value.Should().Be(0);
        score.Diagnostic.Should().Contain("no final answer");
    }
}
