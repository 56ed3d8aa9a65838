using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>docs/mlnet.md's pipeline printed the metrics of the 2 held-out questions and saved the model.</summary>
[SnippetCheck("mlnet-pipeline")]
public static class MlnetPipeline
{
    public static void Run(SnippetContext context)
    {
        context.Output.Should().MatchRegex(@"pass@1 .*cons@8 .* over 2 questions");
        SavedModelCheck.ShouldBeAReasoningModel(context.Path("r1-tiny.zip"));
    }
}
