using R1.Rollout.ChatTemplates;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.Cli.Models;

/// <summary>
/// From-scratch models by name, on the character vocabulary with the R1-Zero preamble as one token: <c>micro</c>
/// (~20k parameters, for tests), <c>tiny</c> (~0.9M, the main job's) and <c>small</c> (~10M, the benchmarks').
/// </summary>
internal static class ModelPresets
{
    public static IReadOnlyList<string> Names { get; } = ["micro", "tiny", "small"];

    public static bool IsPreset(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The character tokenizer of every preset.</summary>
    public static CharTokenizer Tokenizer() => CharTokenizer.CreateDefault(R1ZeroChatTemplate.Preamble);

    public static ModelConfig Config(string name, int vocabSize) => name.ToLowerInvariant() switch
    {
        "micro" => Micro(vocabSize),
        "tiny" => ModelConfig.Tiny(vocabSize),
        "small" => ModelConfig.Small(vocabSize),
        _ => throw new ArgumentException($"Unknown preset '{name}'.", nameof(name)),
    };

    private static ModelConfig Micro(int vocabSize)
    {
        var config = ModelConfig.Tiny(vocabSize);
        config.HiddenSize = 32;
        config.IntermediateSize = 64;
        config.NumHiddenLayers = 1;
        config.NumAttentionHeads = 2;
        config.NumKeyValueHeads = 1;
        return config;
    }
}
