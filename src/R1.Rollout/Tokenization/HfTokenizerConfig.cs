using System.Text.Json;

namespace R1.Rollout.Tokenization;

/// <summary>The special-token names of a Hugging Face <c>tokenizer_config.json</c> (all optional).</summary>
internal sealed class HfTokenizerConfig
{
    public string? BosToken { get; init; }
    public string? EosToken { get; init; }
    public string? PadToken { get; init; }
    public string? UnkToken { get; init; }
    public IReadOnlyList<string> AdditionalSpecialTokens { get; init; } = [];

    /// <summary><c>clean_up_tokenization_spaces</c> (Llama 3: true): decoding removes the space before . , ! ? and some contractions.</summary>
    public bool CleanUpTokenizationSpaces { get; init; }

    public static HfTokenizerConfig Read(string path)
    {
        if (!File.Exists(path)) return new HfTokenizerConfig();
        using var doc = HfTokenizerJson.ParseJson(path);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{path}: expected a JSON object.");
        return new HfTokenizerConfig
        {
            BosToken = Token(root, "bos_token", path),
            EosToken = Token(root, "eos_token", path),
            PadToken = Token(root, "pad_token", path),
            UnkToken = Token(root, "unk_token", path),
            AdditionalSpecialTokens = root.TryGetProperty("additional_special_tokens", out var extra) && extra.ValueKind == JsonValueKind.Array
                ? extra.EnumerateArray().Select(e => Content(e, path)).OfType<string>().ToArray()
                : [],
            CleanUpTokenizationSpaces = root.TryGetProperty("clean_up_tokenization_spaces", out var clean) && clean.ValueKind == JsonValueKind.True,
        };
    }

    private static string? Token(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out var v) ? Content(v, path) : null;

    // A token is written either as a string or as an AddedToken object with "content".
    private static string? Content(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Null => null,
        JsonValueKind.Object when e.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String => c.GetString(),
        _ => throw new InvalidDataException($"{path}: cannot read a token from {e.GetRawText()}."),
    };
}
