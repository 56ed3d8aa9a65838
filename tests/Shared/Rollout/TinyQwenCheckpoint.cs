using System.Text.Json;
using R1.Rollout;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.Tests.Shared;

/// <summary>
/// A tiny random Qwen2 checkpoint folder with a real Hugging Face tokenizer (Qwen3's, from testdata) and Qwen's special ids: one
/// layer, hidden size 16. The weights are written by <see cref="Policy.Save"/>; the tokenizer files are copied in. The vocabulary
/// is the tokenizer's exactly: real Qwen checkpoints pad it (vocab_size 151936), and a random model samples those unused ids,
/// which the tokenizer cannot decode. Linked into the test projects that reference R1.Rollout (not via <c>Shared/*.cs</c>).
/// </summary>
internal static class TinyQwenCheckpoint
{
    private const int EndOfText = 151_643, ImEnd = 151_645;

    /// <summary>Writes the checkpoint into <paramref name="folder"/> and returns it.</summary>
    public static string Write(string folder)
    {
        var config = new ModelConfig
        {
            ModelType = "qwen2", VocabSize = TokenizerVocabSize(), HiddenSize = 16, IntermediateSize = 32, NumHiddenLayers = 1,
            NumAttentionHeads = 2, NumKeyValueHeads = 1, MaxPositionEmbeddings = 2048, RopeTheta = 10000, TieWordEmbeddings = true,
            EosTokenIds = [ImEnd, EndOfText], BosTokenId = EndOfText,
        };
        // Any tokenizer within the vocabulary will do for random weights; it is replaced by the HF one below.
        using (var policy = Policy.Create(config, CharTokenizer.CreateDefault(), new PolicyOptions { Seed = 1 }))
            policy.Save(folder);
        File.Delete(Path.Combine(folder, CharTokenizer.FileName));
        foreach (var name in new[] { "tokenizer.json", "tokenizer_config.json" })
            File.Copy(TestPaths.TestData($"tokenizers/qwen3/{name}"), Path.Combine(folder, name));
        return folder;
    }

    /// <summary>One more than the largest id in Qwen3's <c>tokenizer.json</c> (its vocabulary and added tokens).</summary>
    private static int TokenizerVocabSize()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(TestPaths.TestData("tokenizers/qwen3/tokenizer.json")));
        var root = json.RootElement;
        int vocab = root.GetProperty("model").GetProperty("vocab").EnumerateObject().Max(t => t.Value.GetInt32());
        int added = root.GetProperty("added_tokens").EnumerateArray().Max(t => t.GetProperty("id").GetInt32());
        return Math.Max(vocab, added) + 1;
    }
}
