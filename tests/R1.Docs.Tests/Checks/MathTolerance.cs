using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>
/// docs/rewards-math.md's registration: the configure callback's <c>DecimalTolerance = 1e-4</c> wins over the configuration's
/// 0.001: 0.33334 equals 1/3 (relative error 2e-5) and scores 1, 0.3334 does not (2e-4) and scores 0.
/// </summary>
[SnippetCheck("math-tolerance")]
public static class MathTolerance
{
    public static void Run(SnippetContext context)
    {
        var lines = context.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().HaveCount(2, "one line per scored answer");
        lines[0].Should().StartWith("1: ").And.Contain("0.33334");
        lines[1].Should().StartWith("0: ").And.Contain("0.3334");
    }
}
