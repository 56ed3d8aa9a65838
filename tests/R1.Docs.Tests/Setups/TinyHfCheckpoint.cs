using R1.Docs.Tests.Snippets;
using R1.Rollout;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.Docs.Tests.Setups;

/// <summary>
/// The README's Hugging Face folder <c>DeepSeek-R1-Distill-Qwen-1.5B</c>, as a stand-in: a tiny random Qwen2 model (one layer,
/// hidden size 16) with a real Hugging Face tokenizer (Qwen3's, from testdata), written by <see cref="Policy.Save"/>.
/// </summary>
[SnippetSetup("tiny-hf-checkpoint")]
public static class TinyHfCheckpoint
{
    public static void Run(SnippetContext context)
    {
        var tokenizerFolder = context.Path("tokenizer-source");
        Qwen3TokenizerFolder.CopyQwen3Tokenizer(tokenizerFolder);
        var tokenizer = HfTokenizer.Load(tokenizerFolder);
        var config = new ModelConfig
        {
            ModelType = "qwen2", VocabSize = tokenizer.VocabSize, HiddenSize = 16, IntermediateSize = 32, NumHiddenLayers = 1,
            NumAttentionHeads = 2, NumKeyValueHeads = 1, MaxPositionEmbeddings = 2048, RopeTheta = 10000, TieWordEmbeddings = true,
        };
        using var policy = Policy.Create(config, tokenizer, new PolicyOptions { Seed = 1 });
        policy.Save(context.Path("DeepSeek-R1-Distill-Qwen-1.5B"));
    }
}
