using System.Globalization;
using System.Text.RegularExpressions;
using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>
/// docs/training.md's run logged its progress, wrote one metrics line per GRPO step to <c>grpo.jsonl</c> (MaxSteps = 2) and printed
/// a finite SFT loss, the 2 steps, a mean reward within the rewards' range [0, 1.5] and a held-out accuracy.
/// </summary>
[SnippetCheck("training-metrics")]
public static class TrainingMetrics
{
    public static void Run(SnippetContext context)
    {
        File.ReadAllLines(context.Path("grpo.jsonl")).Where(l => l.Trim().Length > 0).Should().HaveCount(2);
        context.Output.Should().Contain("sft step").And.Contain("GRPO: 2 steps");
        var m = Regex.Match(context.Output, @"SFT loss (?<loss>[0-9.]+); GRPO 2 steps, mean reward (?<reward>[0-9.]+), held-out accuracy \d+");
        m.Success.Should().BeTrue("the snippet prints its summary line");
        double.Parse(m.Groups["loss"].Value, CultureInfo.CurrentCulture).Should().BePositive();
        double.Parse(m.Groups["reward"].Value, CultureInfo.CurrentCulture).Should().BeInRange(0, 1.5);
    }
}
