using R1.Docs.Tests.Snippets;
using R1.Rewards.Composition;

namespace R1.Docs.Tests.Checks;

/// <summary>docs/rewards.md's <c>Use(...)</c> wraps the built pipeline: the resolved scorer is the shuffling one over math and format.</summary>
[SnippetCheck("shuffled-rewards")]
public static class ShuffledRewards
{
    public static void Run(SnippetContext context)
    {
        var scorer = RegisteredRewards.Scorer();
        scorer.Should().BeOfType<ShuffledRewardScorer>();
        scorer.RewardNames.Should().Equal("math", "format");
    }
}
