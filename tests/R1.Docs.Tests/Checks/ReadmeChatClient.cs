using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>The README's IChatClient snippet reported its usage and finish reason (the text is gibberish: the stand-in model is random).</summary>
[SnippetCheck("readme-chat-client")]
public static class ReadmeChatClient
{
    public static void Run(SnippetContext context) =>
        context.Output.Should().MatchRegex(@"^([1-9]|[12][0-9]|3[0-2]) tokens, (stop|length); answer: ", "at most 32 tokens were asked for");
}
