using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>docs/rollout.md's flow saved the policy as a Hugging Face folder.</summary>
[SnippetCheck("rollout-flow")]
public static class RolloutFlow
{
    public static void Run(SnippetContext context) =>
        Directory.GetFiles(context.Path("checkpoints/step-100")).Select(Path.GetFileName)
            .Should().Contain(["config.json", "model.safetensors"]);
}
