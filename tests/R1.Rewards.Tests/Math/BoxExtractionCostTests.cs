using System.Diagnostics;
using R1.Rewards.Abstractions;
using R1.Rewards.Math;

namespace R1.Rewards.Tests.Math;

/// <summary>
/// Hostile completions built to make box extraction expensive: each one is under the default <c>MaxCompletionLength</c>
/// (256 Ki chars), so it reaches the extractor. Scoring one must stay within a time bound (generous, for a loaded shared machine)
/// and a bounded allocation measured on the scoring thread; doubling the input must not much more than double the allocation,
/// which is what a linear scan gives and a quadratic one (a copy of every nested box) does not.
/// </summary>
public class BoxExtractionCostTests
{
    private const long AllocationBound = 50L * 1024 * 1024;
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(5);
    private static readonly MathAccuracyReward Reward = new();

    private static string NestedBoxes(int n) => string.Concat(Enumerable.Repeat("\\boxed{", n)) + "1" + new string('}', n);

    private static (RewardScore Score, TimeSpan Elapsed, long Allocated) Measure(string completion, string answer = "1")
    {
        completion.Length.Should().BeLessThanOrEqualTo(new MathAccuracyOptions().MaxCompletionLength, "the input must reach the extractor");
        Reward.Score(new RewardSample { Prompt = "q", Completion = "\\boxed{1} \\boxed 1", Answer = "1" }); // JIT warm-up
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var score = Reward.Score(new RewardSample { Prompt = "q", Completion = completion, Answer = answer });
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        TestContext.Out.WriteLine($"{completion.Length:N0} chars: {clock.Elapsed.TotalMilliseconds:0.0} ms, {allocated / 1024.0 / 1024:0.00} MB; "
            + $"{score.Value} {score.Diagnostic}");
        return (score, clock.Elapsed, allocated);
    }

    private static RewardScore Bounded(string completion, string answer = "1")
    {
        var (score, elapsed, allocated) = Measure(completion, answer);
        elapsed.Should().BeLessThan(TimeBound);
        allocated.Should().BeLessThan(AllocationBound);
        score.Diagnostic.Should().NotBeNullOrWhiteSpace();
        return score;
    }

    [Test]
    public void Thirty_thousand_nested_boxes_are_extracted_in_bounded_time_and_memory()
    {
        var completion = NestedBoxes(30_000);
        completion.Length.Should().Be(240_001);
        var score = Bounded(completion);
        score.Value.Should().Be(0, "the outermost box holds 240 KB, far above MaxAnswerLength");
        score.Diagnostic.Should().Contain("too long");
    }

    [Test]
    public void Allocation_grows_linearly_with_nested_boxes()
    {
        var small = Measure(NestedBoxes(15_000)).Allocated;
        var large = Measure(NestedBoxes(30_000)).Allocated;
        large.Should().BeLessThan(3 * small, "twice the nesting may cost about twice the memory, not four times");
    }

    [Test]
    public void A_few_nested_boxes_still_yield_the_outermost_content()
    {
        var extracted = AnswerExtractor.Extract(NestedBoxes(3));
        extracted!.Answer.Should().Be("\\boxed{\\boxed{1}}");
        extracted.BoxedAnswers.Should().HaveCount(1);
    }

    [Test]
    public void Deep_braces_inside_one_box_are_bounded()
    {
        var completion = "\\boxed{" + new string('{', 100_000) + "1" + new string('}', 100_000) + "}";
        Bounded(completion).Value.Should().Be(0);
    }

    [Test]
    public void Many_equal_sibling_boxes_are_one_answer()
    {
        var completion = string.Concat(Enumerable.Repeat("\\boxed{1} ", 24_000));
        Bounded(completion).Value.Should().Be(1);
        Bounded(completion, "2").Value.Should().Be(0);
    }

    [Test]
    public void Many_different_sibling_boxes_are_a_conflict()
    {
        var completion = string.Concat(Enumerable.Range(0, 24_000).Select(k => $"\\boxed{{{k % 97}}} "));
        completion.Length.Should().BeLessThan(262_144);
        var score = Bounded(completion, "0");
        score.Value.Should().Be(0);
        score.Diagnostic.Should().Contain("several different boxed answers");
    }

    [Test]
    public void A_chain_of_unbraced_boxes_is_bounded()
    {
        var completion = string.Concat(Enumerable.Repeat("\\boxed", 40_000)) + " 1";
        Bounded(completion).Value.Should().Be(0);
        Bounded(string.Concat(Enumerable.Repeat("\\boxed 1 ", 24_000))).Value.Should().Be(1, "24,000 bare boxes of the same value");
    }

    [Test]
    public void Unclosed_nested_boxes_are_bounded()
    {
        var score = Bounded(string.Concat(Enumerable.Repeat("\\boxed{", 34_000)) + "1");
        score.Value.Should().Be(0);
        score.Diagnostic.Should().Contain("no final answer");
    }

    [Test]
    public void Long_runs_of_frac_are_bounded()
    {
        Bounded("\\boxed{" + string.Concat(Enumerable.Repeat("\\frac", 48_000)) + "}").Value.Should().Be(0);
        Bounded("\\boxed{" + string.Concat(Enumerable.Repeat("\\frac", 190)) + "12}").Value.Should().Be(0);
        Bounded("\\boxed{" + string.Concat(Enumerable.Repeat("\\frac{1}{", 100)) + "1" + new string('}', 100) + "}").Value.Should().Be(0);
        var fracs = string.Concat(Enumerable.Repeat("\\frac{1}{2}+", 20_000));
        Bounded(string.Concat(Enumerable.Repeat("\\boxed{\\frac{1}{2}} ", 12_000)), "\\frac12").Value.Should().Be(1);
        Bounded("\\boxed{" + fracs + "0}").Value.Should().Be(0);
    }

    [Test]
    public void Sixteen_different_hard_boxes_are_bounded()
    {
        var items = Enumerable.Range(1, 60).Select(k => $"\\sqrt{{{k}}}").ToList();
        var sets = Enumerable.Range(0, 16).Select(shift =>
            "\\boxed{\\{" + string.Join(",", items.Skip(shift).Concat(items.Take(shift)).Select((s, i) => i == 0 ? s + "+" + shift : s)) + "\\}}");
        Bounded(string.Join(" or ", sets)).Value.Should().Be(0);
        var products = Enumerable.Range(0, 16).Select(shift =>
            "\\boxed{" + string.Concat(Enumerable.Range(1, 70).Select(k => $"(x+{k})")) + $"+{shift}}}");
        Bounded(string.Join(" or ", products)).Value.Should().Be(0);
        var powers = Enumerable.Range(0, 16).Select(shift =>
            "\\boxed{" + string.Join("+", Enumerable.Range(1, 60).Select(k => $"\\sin^{{{k}}}(x^{{{k}}})")) + $"+{shift}}}");
        Bounded(string.Join(" or ", powers)).Value.Should().Be(0);
    }
}
