using System.Globalization;
using System.Text.RegularExpressions;
using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>
/// docs/mlnet.md's pipeline: the SFT and GRPO progress reached <c>ml.Log</c> (no LoggerFactory is set), the Reason step answered
/// a question, the metrics of the 20 held-out sums are in [0, 1] with pass@1 above 0 (the SFT learned), and the model was saved.
/// </summary>
[SnippetCheck("mlnet-pipeline")]
public static class MlnetPipeline
{
    public static void Run(SnippetContext context)
    {
        context.Output.Should().Contain("sft step 50/").And.Contain("GRPO: 4 steps", "the MLContext log shows the progress");
        context.Output.Should().MatchRegex(@"(?m)^0\+0= .+", "the Reason step completed the first held-out sum");
        var m = Regex.Match(context.Output, @"pass@1 (?<p>[0-9.]+), cons@8 (?<c>[0-9.]+) over 20 questions");
        m.Success.Should().BeTrue("the snippet prints the metrics");
        double.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture).Should().BeInRange(double.Epsilon, 1);
        double.Parse(m.Groups["c"].Value, CultureInfo.InvariantCulture).Should().BeInRange(0, 1);
        SavedModelCheck.ShouldBeAReasoningModel(context.Path("r1-tiny.zip"));
    }
}
