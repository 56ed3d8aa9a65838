using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>The README's pipeline saved the fitted model: a zip with <c>reasoning.json</c> and the policy's HF folder.</summary>
[SnippetCheck("readme-pipeline")]
public static class ReadmePipeline
{
    public static void Run(SnippetContext context) => SavedModelCheck.ShouldBeAReasoningModel(context.Path("r1-tiny.zip"));
}
