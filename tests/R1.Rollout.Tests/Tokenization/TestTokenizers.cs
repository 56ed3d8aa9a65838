using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.Tokenization;

/// <summary>The real tokenizers of testdata/tokenizers, loaded once for the whole test run (tests only; the library caches nothing).</summary>
internal static class TestTokenizers
{
    private static readonly Lazy<HfTokenizer> QwenLazy = new(() => HfTokenizer.Load(Dir("qwen3")));
    private static readonly Lazy<HfTokenizer> DeepSeekLazy = new(() => HfTokenizer.Load(Dir("deepseek-v3")));

    public static HfTokenizer Qwen3 => QwenLazy.Value;

    public static HfTokenizer DeepSeekV3 => DeepSeekLazy.Value;

    public static string Dir(string name) => TestPaths.TestData($"tokenizers/{name}");

    public static HfTokenizer Get(string name) => name switch
    {
        "qwen3" => Qwen3,
        "deepseek-v3" => DeepSeekV3,
        _ => throw new ArgumentException($"No test tokenizer '{name}'.", nameof(name)),
    };
}
