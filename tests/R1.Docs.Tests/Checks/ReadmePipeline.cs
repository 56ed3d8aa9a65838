using System.Globalization;
using System.Text.RegularExpressions;
using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>
/// The README's ML.NET quick start logged its SFT and GRPO progress, printed pass@1 and cons@4 before, after SFT and after GRPO
/// (each in [0, 1]; SFT on the sums lifts pass@1 above the random model's, so learning happened) and saved the fitted model.
/// </summary>
[SnippetCheck("readme-pipeline")]
public static class ReadmePipeline
{
    public static void Run(SnippetContext context)
    {
        context.Output.Should().Contain("sft step").And.Contain("GRPO: 20 steps", "a logger shows the training progress");
        var before = Metrics(context.Output, "before");
        var sft = Metrics(context.Output, "after SFT");
        var grpo = Metrics(context.Output, "after GRPO");
        sft.PassAt1.Should().BeGreaterThan(before.PassAt1, "SFT on 80 sums teaches some of the 20 held-out ones");
        foreach (var (pass, cons) in new[] { before, sft, grpo })
        {
            pass.Should().BeInRange(0, 1);
            cons.Should().BeInRange(0, 1);
        }
        SavedModelCheck.ShouldBeAReasoningModel(context.Path("r1-tiny.zip"));
    }

    private static (double PassAt1, double ConsAt4) Metrics(string output, string label)
    {
        var m = Regex.Match(output, $@"{label}: +pass@1 (?<p>[0-9.]+), cons@4 (?<c>[0-9.]+) over 20 questions");
        m.Success.Should().BeTrue($"the snippet prints '{label}: pass@1 …, cons@4 … over 20 questions'");
        return (double.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups["c"].Value, CultureInfo.InvariantCulture));
    }
}
