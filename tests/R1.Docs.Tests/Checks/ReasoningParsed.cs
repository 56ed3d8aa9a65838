using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>docs/rewards.md's parsing: reasoning and answer of a tagged completion, of one whose prompt opened the think block.</summary>
[SnippetCheck("reasoning-parsed")]
public static class ReasoningParsed
{
    public static void Run(SnippetContext context) =>
        context.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Should().Equal("7*6 is 42 | 42 | 42 | True", "7*6 is 42 | The answer is 42.", "7*6 is 42 | 42");
}
