using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>docs/rewards.md's <c>Use(...)</c> wraps the built pipeline: the resolved scorer is the shuffling one over math and format.</summary>
[SnippetCheck("shuffled-rewards")]
public static class ShuffledRewards
{
    public static void Run(SnippetContext context) => context.Output.TrimEnd().Should().Be("ShuffledRewardScorer over math, format");
}
