using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>docs/training.md's GRPO run wrote one metrics line per step to <c>grpo.jsonl</c> (MaxSteps = 2).</summary>
[SnippetCheck("training-metrics")]
public static class TrainingMetrics
{
    public static void Run(SnippetContext context) =>
        File.ReadAllLines(context.Path("grpo.jsonl")).Where(l => l.Trim().Length > 0).Should().HaveCount(2);
}
