using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>docs/rewards-code.md registered the code reward in the setup's <c>services</c>.</summary>
[SnippetCheck("code-reward-registered")]
public static class CodeRewardRegistered
{
    public static void Run(SnippetContext context) => RegisteredRewards.Scorer().RewardNames.Should().Equal("code");
}
