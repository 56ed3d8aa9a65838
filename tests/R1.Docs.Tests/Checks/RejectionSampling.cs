using System.Globalization;
using System.Text.RegularExpressions;
using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>
/// docs/mlnet.md's distillation: the locally trained teacher, as a chat client, had correct samples kept out of the 8 prompts × 4,
/// and the student was fine-tuned on them (a finite loss).
/// </summary>
[SnippetCheck("rejection-sampling")]
public static class RejectionSampling
{
    public static void Run(SnippetContext context)
    {
        var summary = Regex.Match(context.Output, @"rejection sampling: 8 prompts, 32 samples, (?<kept>\d+) kept");
        summary.Success.Should().BeTrue("the snippet prints the sampling summary");
        int.Parse(summary.Groups["kept"].Value, CultureInfo.InvariantCulture).Should().BeInRange(1, 32, "the trained teacher adds correctly");
        var student = Regex.Match(context.Output, @"student SFT: (?<steps>\d+) steps, loss (?<loss>[0-9.]+)");
        student.Success.Should().BeTrue();
        int.Parse(student.Groups["steps"].Value, CultureInfo.InvariantCulture).Should().BePositive();
    }
}
