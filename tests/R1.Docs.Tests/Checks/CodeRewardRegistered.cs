using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>docs/rewards-code.md's program passes both tests, through DI (pass/fail: 1) and without DI (fraction of tests: 1).</summary>
[SnippetCheck("code-reward-registered")]
public static class CodeRewardRegistered
{
    public static void Run(SnippetContext context)
    {
        context.Output.Should().MatchRegex(@"(?m)^DI: 1 \(");
        context.Output.Should().MatchRegex(@"(?m)^direct: 1 \(");
    }
}
