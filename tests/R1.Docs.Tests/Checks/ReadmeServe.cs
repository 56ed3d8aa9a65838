using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>The README's server snippet got an answer through the official OpenAI client, with usage and a finish reason.</summary>
[SnippetCheck("readme-serve")]
public static class ReadmeServe
{
    public static void Run(SnippetContext context) =>
        context.Output.Should().MatchRegex(
            @"^DeepSeek-R1-Distill-Qwen-1\.5B at http://127\.0\.0\.1:[0-9]+/v1/: ([1-9]|[12][0-9]|3[0-2]) tokens, (stop|length)",
            "the server answered under the folder's name, within the 32 tokens asked for");
}
