using R1.Docs.Tests.Snippets;
using R1.Rollout;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.Docs.Tests.Setups;

/// <summary>
/// The folder <c>my-base-model</c> of the plain-C# training and LoRA snippets, standing in for a downloaded base model: a tiny
/// random policy with the character tokenizer.
/// </summary>
[SnippetSetup("training-inputs")]
public static class TrainingInputs
{
    public static void Run(SnippetContext context)
    {
        var tokenizer = CharTokenizer.CreateDefault();
        using var policy = Policy.Create(ModelConfig.Tiny(tokenizer.VocabSize), tokenizer, new PolicyOptions { Seed = 3 });
        policy.Save(context.Path("my-base-model"));
    }
}
