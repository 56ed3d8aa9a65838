using System.Text;
using System.Text.Json;

namespace R1.Rollout.Tokenization;

/// <summary>
/// The parts of a Hugging Face <c>tokenizer.json</c> that a byte-level BPE tokenizer needs (Qwen2/3, DeepSeek-V3/R1,
/// Llama 3 with <c>ignore_merges</c>). Anything this loader cannot reproduce exactly (another model type, byte fallback,
/// an unknown normalizer or pre-tokenizer) is rejected with an <see cref="InvalidDataException"/> naming the component.
/// The <c>post_processor</c> is not read: <see cref="HfTokenizer.Encode"/> adds no special tokens (like
/// <c>add_special_tokens=False</c>); prompts get their beginning-of-text token from the chat template.
/// </summary>
internal sealed class HfTokenizerJson
{
    // GPT-2's pattern, used when a ByteLevel pre-tokenizer has use_regex = true.
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public required Dictionary<string, int> Vocab { get; init; }
    public required List<string> Merges { get; init; }          // "left right"
    public required List<HfAddedToken> AddedTokens { get; init; }
    public required NormalizationForm? Normalization { get; init; }
    public required List<string> SplitPatterns { get; init; }

    /// <summary>BPE <c>ignore_merges</c> (Llama 3): a pre-token that is itself in the vocabulary is one id, merges unused.</summary>
    public required bool IgnoreMerges { get; init; }

    public static HfTokenizerJson Read(string path)
    {
        using var doc = ParseJson(path);
        var root = doc.RootElement;
        var model = Required(root, "model", path);
        CheckModel(model, path);
        return new HfTokenizerJson
        {
            Vocab = ReadVocab(Required(model, "vocab", path)),
            Merges = ReadMerges(Required(model, "merges", path), path),
            AddedTokens = ReadAddedTokens(root),
            Normalization = ReadNormalizer(root.TryGetProperty("normalizer", out var n) ? n : default, path),
            SplitPatterns = ReadPreTokenizer(Required(root, "pre_tokenizer", path), path),
            IgnoreMerges = Flag(model, "ignore_merges"),
        };
    }

    /// <summary>Parses a JSON file, turning syntax errors into an <see cref="InvalidDataException"/> that names the file.</summary>
    internal static JsonDocument ParseJson(string path)
    {
        using var stream = File.OpenRead(path);
        try { return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 }); }
        catch (JsonException e) { throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e); }
    }

    private static JsonElement Required(JsonElement e, string name, string path) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v : throw new InvalidDataException($"{path}: missing '{name}'.");

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static void CheckModel(JsonElement model, string path)
    {
        if (Str(model, "type") is { } type && type != "BPE")
            throw new InvalidDataException($"{path}: model type '{type}' is not supported (only byte-level BPE).");
        if (Flag(model, "byte_fallback"))
            throw new InvalidDataException($"{path}: BPE byte_fallback is not supported (it belongs to SentencePiece-style vocabularies "
                + "such as Llama 2's; byte-level BPE, as in Qwen, DeepSeek and Llama 3, never needs it).");
        if (!string.IsNullOrEmpty(Str(model, "continuing_subword_prefix")) || !string.IsNullOrEmpty(Str(model, "end_of_word_suffix")))
            throw new InvalidDataException($"{path}: BPE continuing_subword_prefix/end_of_word_suffix are not supported.");
        if (model.TryGetProperty("dropout", out var d) && d.ValueKind == JsonValueKind.Number && d.GetDouble() > 0)
            throw new InvalidDataException($"{path}: BPE dropout is not supported.");
    }

    private static Dictionary<string, int> ReadVocab(JsonElement vocab)
    {
        var result = new Dictionary<string, int>(capacity: 160_000, StringComparer.Ordinal);
        foreach (var entry in vocab.EnumerateObject())
        {
            int id = entry.Value.GetInt32();
            if (id < 0) throw new InvalidDataException($"tokenizer.json: the token '{entry.Name}' has a negative id ({id}).");
            result[entry.Name] = id;
        }
        return result;
    }

    private static List<string> ReadMerges(JsonElement merges, string path)
    {
        var result = new List<string>(merges.GetArrayLength());
        foreach (var m in merges.EnumerateArray())
        {
            if (m.ValueKind == JsonValueKind.String) { result.Add(m.GetString()!); continue; }
            if (m.ValueKind != JsonValueKind.Array || m.GetArrayLength() != 2)
                throw new InvalidDataException($"{path}: a merge must be \"left right\" or [left, right], found {m.GetRawText()}.");
            string left = m[0].GetString()!, right = m[1].GetString()!;
            if (left.Contains(' ') || right.Contains(' '))
                throw new InvalidDataException($"{path}: the merge [{left}, {right}] contains a space, which byte-level BPE never produces.");
            result.Add(left + " " + right);
        }
        return result;
    }

    private static List<HfAddedToken> ReadAddedTokens(JsonElement root)
    {
        var result = new List<HfAddedToken>();
        if (!root.TryGetProperty("added_tokens", out var tokens) || tokens.ValueKind != JsonValueKind.Array) return result;
        foreach (var t in tokens.EnumerateArray())
            result.Add(new HfAddedToken(t.GetProperty("id").GetInt32(), t.GetProperty("content").GetString()!,
                Flag(t, "special"), Flag(t, "lstrip"), Flag(t, "rstrip")));
        return result;
    }

    private static NormalizationForm? ReadNormalizer(JsonElement normalizer, string path)
    {
        if (normalizer.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return null;
        string type = Str(normalizer, "type") ?? "";
        if (type == "Sequence")
        {
            var steps = Required(normalizer, "normalizers", path).EnumerateArray().Select(s => ReadNormalizer(s, path)).ToList();
            if (steps.Count > 1) throw new InvalidDataException($"{path}: a normalizer sequence of {steps.Count} steps is not supported.");
            return steps.Count == 0 ? null : steps[0];
        }
        return type switch
        {
            "NFC" => NormalizationForm.FormC,
            "NFD" => NormalizationForm.FormD,
            "NFKC" => NormalizationForm.FormKC,
            "NFKD" => NormalizationForm.FormKD,
            _ => throw new InvalidDataException($"{path}: normalizer '{type}' is not supported."),
        };
    }

    private static List<string> ReadPreTokenizer(JsonElement pre, string path)
    {
        var steps = Str(pre, "type") == "Sequence" ? Required(pre, "pretokenizers", path).EnumerateArray().ToList() : [pre];
        var patterns = new List<string>();
        bool byteLevel = false;
        foreach (var step in steps)
        {
            switch (Str(step, "type"))
            {
                case "Split": patterns.Add(ReadSplit(step, path)); break;
                case "ByteLevel":
                    if (Flag(step, "add_prefix_space")) throw new InvalidDataException($"{path}: ByteLevel add_prefix_space is not supported.");
                    if (!step.TryGetProperty("use_regex", out var r) || r.ValueKind == JsonValueKind.True) patterns.Add(Gpt2Pattern);
                    byteLevel = true;
                    break;
                case var other: throw new InvalidDataException($"{path}: pre-tokenizer '{other}' is not supported.");
            }
        }
        if (!byteLevel) throw new InvalidDataException($"{path}: the pre-tokenizer has no ByteLevel step; only byte-level BPE is supported.");
        if (patterns.Count == 0) throw new InvalidDataException($"{path}: the pre-tokenizer has no split pattern.");
        return patterns;
    }

    private static string ReadSplit(JsonElement split, string path)
    {
        if (Str(split, "behavior") is { } b && b != "Isolated")
            throw new InvalidDataException($"{path}: Split behavior '{b}' is not supported (only Isolated).");
        if (Flag(split, "invert")) throw new InvalidDataException($"{path}: Split with invert = true is not supported.");
        var pattern = Required(split, "pattern", path);
        return Str(pattern, "Regex") ?? (Str(pattern, "String") is { } s ? System.Text.RegularExpressions.Regex.Escape(s)
            : throw new InvalidDataException($"{path}: a Split pattern needs 'Regex' or 'String'."));
    }
}
