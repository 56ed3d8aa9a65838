using System.Text;
using System.Text.Json;

namespace R1.Rollout.Tokenization;

/// <summary>
/// A character tokenizer for tiny models: one id per character of a fixed alphabet, plus whole-string special tokens
/// (such as <c>&lt;think&gt;</c>) matched first. Characters outside the alphabet map to the unknown token.
/// Saved as <c>char_tokenizer.json</c>.
/// </summary>
public sealed class CharTokenizer : ITextTokenizer
{
    /// <summary>The file name used by <see cref="Save"/>.</summary>
    public const string FileName = "char_tokenizer.json";

    private readonly string[] _tokens;
    private readonly Dictionary<char, int> _charIds = new();
    private readonly (string Text, int Id)[] _specials;   // longest first
    private readonly int _unkId;
    private readonly HashSet<char> _specialFirstChars;

    /// <summary>Creates a tokenizer. Ids: special tokens first (in the given order), then the alphabet's distinct characters.</summary>
    /// <param name="alphabet">The characters of the vocabulary.</param>
    /// <param name="specialTokens">Whole-string tokens; must include <c>&lt;pad&gt;</c>, <c>&lt;eos&gt;</c> and <c>&lt;unk&gt;</c>.</param>
    public CharTokenizer(string alphabet, IReadOnlyList<string> specialTokens)
    {
        ArgumentNullException.ThrowIfNull(alphabet);
        ArgumentNullException.ThrowIfNull(specialTokens);
        foreach (var required in new[] { "<pad>", "<eos>", "<unk>" })
            if (!specialTokens.Contains(required))
                throw new ArgumentException($"CharTokenizer needs the special token '{required}'.", nameof(specialTokens));
        var tokens = new List<string>(specialTokens);
        foreach (char c in alphabet.Distinct())
        {
            _charIds[c] = tokens.Count;
            tokens.Add(c.ToString());
        }
        _tokens = tokens.ToArray();
        _specials = specialTokens.Select((t, i) => (t, i)).OrderByDescending(s => s.t.Length).ToArray();
        _specialFirstChars = specialTokens.Where(t => t.Length > 0).Select(t => t[0]).ToHashSet();
        PadId = specialTokens.ToList().IndexOf("<pad>");
        _unkId = specialTokens.ToList().IndexOf("<unk>");
        EosIds = [specialTokens.ToList().IndexOf("<eos>")];
        SpecialTokens = specialTokens.ToArray();
        Alphabet = new string(alphabet.Distinct().ToArray());
    }

    /// <summary>
    /// The default vocabulary for arithmetic reasoning tasks: digits, operators, letters, punctuation and the R1 tags.
    /// <paramref name="extraSpecialTokens"/> are appended as further whole-string tokens; a tiny model can, for example,
    /// read the R1-Zero template's fixed preamble (<c>R1ZeroChatTemplate.Preamble</c>) as one token instead of ~380 characters.
    /// </summary>
    public static CharTokenizer CreateDefault(params string[] extraSpecialTokens) => new(
        alphabet: "0123456789+-*/=()<>.,:;?!%^$#'\"\\{}[]_ \nabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        specialTokens: ["<pad>", "<eos>", "<unk>", "<bos>", "<think>", "</think>", "<answer>", "</answer>", .. extraSpecialTokens]);

    /// <summary>The alphabet, distinct characters in id order.</summary>
    public string Alphabet { get; }

    /// <summary>The special tokens, in id order.</summary>
    public IReadOnlyList<string> SpecialTokens { get; }

    /// <inheritdoc />
    public int VocabSize => _tokens.Length;

    /// <inheritdoc />
    public IReadOnlyList<int> EosIds { get; }

    /// <inheritdoc />
    public int PadId { get; }

    /// <inheritdoc />
    public int? BosId => SpecialTokens.ToList().IndexOf("<bos>") is var i and >= 0 ? i : null;

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length);
        for (int i = 0; i < text.Length;)
        {
            int special = MatchSpecial(text, i);
            if (special >= 0) { ids.Add(special); i += _tokens[special].Length; continue; }
            ids.Add(_charIds.TryGetValue(text[i], out int id) ? id : _unkId);
            i++;
        }
        return ids;
    }

    private int MatchSpecial(string text, int at)
    {
        if (!_specialFirstChars.Contains(text[at])) return -1;
        foreach (var (s, id) in _specials)
            if (string.CompareOrdinal(text, at, s, 0, s.Length) == 0) return id;
        return -1;
    }

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var sb = new StringBuilder();
        foreach (int id in ids)
        {
            if ((uint)id >= (uint)_tokens.Length)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id {id} is outside the vocabulary (size {_tokens.Length}).");
            if (skipSpecialTokens && id < SpecialTokens.Count) continue;
            sb.Append(_tokens[id]);
        }
        return sb.ToString();
    }

    /// <inheritdoc />
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var json = JsonSerializer.Serialize(
            new CharTokenizerFile("r1-char", Alphabet, SpecialTokens.ToArray()), new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(Path.Combine(directory, FileName), json);
    }

    /// <summary>Loads a tokenizer written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON or not a character tokenizer (the message names the file).</exception>
    public static CharTokenizer Load(string path)
    {
        CharTokenizerFile? file;
        try { file = JsonSerializer.Deserialize<CharTokenizerFile>(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"'{path}' is not a valid character tokenizer file: {e.Message}", e); }
        if (file is null) throw new InvalidDataException($"'{path}' is not a character tokenizer file.");
        if (file.Type != "r1-char") throw new InvalidDataException($"'{path}': expected type 'r1-char', found '{file.Type}'.");
        if (string.IsNullOrEmpty(file.Alphabet)) throw new InvalidDataException($"'{path}' has no alphabet.");
        try { return new CharTokenizer(file.Alphabet, file.SpecialTokens ?? []); }
        catch (ArgumentException e) { throw new InvalidDataException($"'{path}': {e.Message}", e); }
    }

    private sealed record CharTokenizerFile(string Type, string Alphabet, string[] SpecialTokens);
}
