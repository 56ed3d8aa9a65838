using System.Globalization;
using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>The README's reward quick start prints the total and the three diagnostics of a right, well-formed English answer.</summary>
[SnippetCheck("readme-reward-quick-start")]
public static class ReadmeRewardQuickStart
{
    public static void Run(SnippetContext context)
    {
        var printed = context.Output.TrimEnd().Split(": ", 2);
        printed.Should().HaveCount(2, "the snippet prints 'total: diagnostics'");
        // math 1 + 0.5 × format + 0.2 × language, each at most 1: only full marks on all three make 1.7.
        double.Parse(printed[0], CultureInfo.CurrentCulture).Should().BeApproximately(1.7, 1e-12);
        printed[1].Should().Contain("0.75", "the math diagnostic names the extracted answer");
    }
}
