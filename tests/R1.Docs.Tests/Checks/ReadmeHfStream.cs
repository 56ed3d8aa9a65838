using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>The README's Hugging Face snippet streamed text to the console (gibberish: the stand-in model is random).</summary>
[SnippetCheck("readme-hf-stream")]
public static class ReadmeHfStream
{
    public static void Run(SnippetContext context) => context.Output.Should().NotBeEmpty("the snippet writes each streamed piece");
}
