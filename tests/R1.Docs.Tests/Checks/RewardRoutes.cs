using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>docs/rewards.md's routes: the math row reaches math and format only, the general row the two judges and format only.</summary>
[SnippetCheck("reward-routes")]
public static class RewardRoutes
{
    public static void Run(SnippetContext context)
    {
        var lines = context.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().StartWith("math: ").And.Contain("math=1").And.Contain("judge=n/a").And.Contain("helpfulness=n/a");
        lines[1].Should().StartWith("general: ").And.Contain("math=n/a").And.Contain("helpfulness=1").And.Contain("harmlessness=1")
            .And.Contain("judge=n/a");
    }
}
