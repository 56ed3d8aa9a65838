using System.Text.Json;

namespace R1.Rollout.Tokenization;

/// <summary>
/// The special-token names and the chat template of a Hugging Face <c>tokenizer_config.json</c> (all optional).
/// A <c>chat_template.jinja</c> beside it replaces the config's <c>chat_template</c>, as in transformers.
/// </summary>
internal sealed record HfTokenizerConfig
{
    /// <summary>The file that, when present, holds the chat template instead of <c>tokenizer_config.json</c>.</summary>
    public const string ChatTemplateFileName = "chat_template.jinja";

    public string? BosToken { get; init; }
    public string? EosToken { get; init; }
    public string? PadToken { get; init; }
    public string? UnkToken { get; init; }
    public IReadOnlyList<string> AdditionalSpecialTokens { get; init; } = [];

    /// <summary><c>clean_up_tokenization_spaces</c> (Llama 3: true): decoding removes the space before . , ! ? and some contractions.</summary>
    public bool CleanUpTokenizationSpaces { get; init; }

    /// <summary>The Jinja chat template the checkpoint ships (its <c>default</c> one when the config lists several), if any.</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>Reads <c>tokenizer_config.json</c> and <c>chat_template.jinja</c> of <paramref name="directory"/> (either may be missing).</summary>
    public static HfTokenizerConfig ReadFolder(string directory)
    {
        var config = Read(Path.Combine(directory, HfTokenizer.ConfigFileName));
        string jinja = Path.Combine(directory, ChatTemplateFileName);
        return File.Exists(jinja) ? config with { ChatTemplate = File.ReadAllText(jinja) } : config;
    }

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
            ChatTemplate = root.TryGetProperty("chat_template", out var template) ? Template(template, path) : null,
        };
    }

    // A string, or a list of { "name", "template" } of which transformers uses the one named "default".
    private static string? Template(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind == JsonValueKind.String) return e.GetString();
        if (e.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{path}: chat_template must be a string or a list.");
        var named = e.EnumerateArray()
            .Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.TryGetProperty("template", out var v) ? v.GetString() : null);
        return named.TryGetValue("default", out var chosen) ? chosen
            : throw new InvalidDataException(
                $"{path}: chat_template lists {named.Count} templates ({string.Join(", ", named.Keys)}) but none is named 'default'.");
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
