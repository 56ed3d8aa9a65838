using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.Models;

/// <summary>Builds policies from the fixture folders (which carry no tokenizer) and tiny random policies.</summary>
internal static class FixturePolicy
{
    public static Policy Load(Fixture fx, PolicyOptions? options = null)
    {
        string dir = Path.Combine(Path.GetTempPath(), "r1-fixture-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var f in Directory.GetFiles(fx.Folder)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
            Tokenizer(fx.Config.VocabSize).Save(dir);
            return Policy.Load(dir, options);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>A character tokenizer with exactly <paramref name="vocab"/> ids: pad 0, bos 1, eos 2, unk 3.</summary>
    public static CharTokenizer Tokenizer(int vocab) =>
        new(new string(Enumerable.Range(0, vocab - 4).Select(i => (char)(0x4E00 + i)).ToArray()), ["<pad>", "<bos>", "<eos>", "<unk>"]);

    public static Policy Tiny(long seed = 1, int maxPositions = 256, TorchSharp.torch.ScalarType dtype = TorchSharp.torch.ScalarType.Float32,
        long? maxShardBytes = null, string device = "cpu")
    {
        var tok = CharTokenizer.CreateDefault();
        var config = R1.Rollout.Models.ModelConfig.Tiny(tok.VocabSize);
        config.HiddenSize = 64; config.IntermediateSize = 128; config.NumHiddenLayers = 2; config.MaxPositionEmbeddings = maxPositions;
        return Policy.Create(config, tok, new PolicyOptions { Seed = seed, DType = dtype, MaxShardBytes = maxShardBytes, Device = device });
    }
}
