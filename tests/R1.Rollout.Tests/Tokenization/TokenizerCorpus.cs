using System.Text.Json;

namespace R1.Rollout.Tests.Tokenization;

/// <summary>The parity corpus (tokenizer_corpus.json, copied next to the test binaries).</summary>
internal static class TokenizerCorpus
{
    private static readonly Lazy<string[]> Texts = new(() =>
        JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Tokenization", "tokenizer_corpus.json")))!);

    public static IReadOnlyList<string> All => Texts.Value;

    public static IEnumerable<int> Indices => Enumerable.Range(0, All.Count);

    /// <summary>A one-line, escaped preview for failure messages.</summary>
    public static string Show(string s) => JsonSerializer.Serialize(s.Length > 120 ? s[..120] + "…" : s);
}
