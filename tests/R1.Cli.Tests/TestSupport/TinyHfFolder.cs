using System.Text.Json;
using R1.Rollout;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.Cli.Tests.TestSupport;

/// <summary>
/// A tiny random Qwen2 checkpoint folder with a real Hugging Face tokenizer (Qwen3's, from testdata) and Qwen's special ids:
/// one layer, hidden size 16, the vocabulary exactly the tokenizer's, so a random model only samples decodable ids.
/// </summary>
internal static class TinyHfFolder
{
    private const int EndOfText = 151_643, ImEnd = 151_645;

    public static string Create(string folder)
    {
        var config = new ModelConfig
        {
            ModelType = "qwen2", VocabSize = TokenizerVocabSize(), HiddenSize = 16, IntermediateSize = 32, NumHiddenLayers = 1,
            NumAttentionHeads = 2, NumKeyValueHeads = 1, MaxPositionEmbeddings = 2048, RopeTheta = 10000, TieWordEmbeddings = true,
            EosTokenIds = [ImEnd, EndOfText], BosTokenId = EndOfText,
        };
        using (var policy = Policy.Create(config, CharTokenizer.CreateDefault(), new PolicyOptions { Seed = 1 }))
            policy.Save(folder);
        File.Delete(Path.Combine(folder, CharTokenizer.FileName));
        foreach (var name in new[] { "tokenizer.json", "tokenizer_config.json" })
            File.Copy(TestPaths.TestData($"tokenizers/qwen3/{name}"), Path.Combine(folder, name));
        return folder;
    }

    private static int TokenizerVocabSize()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(TestPaths.TestData("tokenizers/qwen3/tokenizer.json")));
        var root = json.RootElement;
        int vocab = root.GetProperty("model").GetProperty("vocab").EnumerateObject().Max(t => t.Value.GetInt32());
        int added = root.GetProperty("added_tokens").EnumerateArray().Max(t => t.GetProperty("id").GetInt32());
        return Math.Max(vocab, added) + 1;
    }
}
