using System.Diagnostics;
using R1.Rewards.Readability;
using static R1.Rewards.Tests.Readability.ReadabilitySamples;

namespace R1.Rewards.Tests.Readability;

/// <summary>Every filter, on texts built to break it: each returns a verdict, quickly, and never throws.</summary>
public class HostileReadabilityInputTests
{
    private static IReadabilityFilter[] AllFilters() =>
    [
        .. ReadabilityFilters.Default(),
        new MaxLengthFilter(), new RepeatedNGramFilter(),
        new CodeBlockFilter(new CodeBlockFilterOptions { DetectIndentedCode = true }),
        new MixedLanguageFilter(new MixedLanguageFilterOptions { Target = ReadabilityTarget.WholeCompletion }),
    ];

    private static readonly Dictionary<string, string> Hostile = new()
    {
        ["empty"] = "",
        ["only tags"] = "<think></think><answer></answer>",
        ["only a close tag"] = "</think>",
        ["nested tags"] = "<think><think></think></think></think><think>",
        ["unclosed fences"] = "<think>" + string.Concat(Enumerable.Repeat("```\n~~~~\n", 2_000)),
        ["zero-width and combining"] = "<think>" + string.Concat(Enumerable.Repeat("a\u200B\u0301\u200D\uFEFF\u0308 ", 20_000)) + "</think>",
        ["lone surrogates"] = "<think>\uD800 \uDC00 x\uD800y</think>",
        ["crlf"] = "<think>" + string.Concat(Enumerable.Repeat("line\r\n\r\n", 20_000)) + "</think>",
        ["100k newlines"] = "<think>" + new string('\n', 100_000) + "</think>",
        ["1 MB of prose"] = "<think>" + string.Concat(Enumerable.Repeat("we add three and four to get seven. ", 30_000)) + "</think>",
        ["1 MB without spaces"] = "<think>" + new string('a', 1_000_000) + "</think>",
        ["1 MB of han"] = "<think>" + new string('数', 1_000_000) + "</think>",
        ["many dollars and begins"] = "<think>" + string.Concat(Enumerable.Repeat("$x \\begin{a} ", 20_000)) + "</think>",
        ["many html tags"] = "<think>" + string.Concat(Enumerable.Repeat("<pre <code ", 50_000)) + "</think>",
    };

    private static IEnumerable<string> Cases() => Hostile.Keys;

    [TestCaseSource(nameof(Cases))]
    public void Every_filter_returns_a_verdict_in_bounded_time(string name)
    {
        var sample = Raw(Hostile[name]);
        foreach (var filter in AllFilters())
        {
            var clock = Stopwatch.StartNew();
            var verdict = filter.Check(sample);
            clock.Stop();

            verdict.Reason.Should().NotBeNullOrEmpty($"{filter.Name} on {name}");
            verdict.Reason.Should().NotContain(" failed: ", $"{filter.Name} must not crash on {name}");
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), $"{filter.Name} on {name}");
        }
    }

    [Test]
    public void Hostile_texts_get_the_verdicts_they_deserve()
    {
        new CodeBlockFilter().Check(Raw(Hostile["unclosed fences"])).Passed.Should().BeFalse();
        new UnfinishedReasoningFilter().Check(Raw(Hostile["unclosed fences"])).Passed.Should().BeFalse();
        new LongParagraphFilter().Check(Raw(Hostile["1 MB of prose"])).Reason.Should().StartWith("paragraph 1 has");
        new LongParagraphFilter().Check(Raw(Hostile["100k newlines"])).Reason.Should().Be("0 paragraphs, the longest 0 characters and 0 words");
        new LongParagraphFilter().Check(Raw(Hostile["crlf"])).Passed.Should().BeTrue();
        new RepeatedNGramFilter().Check(Raw(Hostile["1 MB of prose"])).Passed.Should().BeFalse();
        new MixedLanguageFilter().Check(Raw(Hostile["only tags"])).Reason.Should().StartWith("too few words to judge");
        new MixedLanguageFilter().Check(Raw(Hostile["zero-width and combining"])).Passed.Should().BeTrue("marks only extend a word");
    }

    [Test]
    public void The_default_set_is_the_papers_four_filters_as_new_instances()
    {
        var first = ReadabilityFilters.Default();
        var second = ReadabilityFilters.Default();

        first.Select(f => f.Name).Should().Equal("unfinished", "mixed-language", "long-paragraph", "code-block");
        first.Zip(second).Should().OnlyContain(p => !ReferenceEquals(p.First, p.Second));
    }

    [Test]
    public void The_default_set_keeps_a_clean_sample_and_names_the_filter_that_drops_each_planted_failure()
    {
        string clean = "We need 6 times 7.\n\nSix sevens are 42, so the answer is 42.";
        var samples = new Dictionary<string, string?>
        {
            ["clean"] = $"<think>{clean}</think> <answer>42</answer>",
            ["unfinished"] = $"<think>{clean}",
            ["mixed-language"] = $"<think>{clean} 그러면 답을 다시 확인해 보겠습니다.</think> <answer>42</answer>",
            ["long-paragraph"] = $"<think>{string.Join(' ', Enumerable.Repeat("step", 300))}</think> <answer>42</answer>",
            ["code-block"] = $"<think>{clean}\n```python\nprint(6 * 7)\n```</think> <answer>42</answer>",
        };

        foreach (var (expected, completion) in samples)
        {
            var sample = Raw(completion!) with { Language = "en" };
            string? dropper = ReadabilityFilters.Default().FirstOrDefault(f => !f.Check(sample).Passed)?.Name;
            dropper.Should().Be(expected == "clean" ? null : expected, expected);
        }
    }
}
