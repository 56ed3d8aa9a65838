using System.Text;
using Microsoft.ML.Tokenizers;

namespace R1.Rollout.Tokenization;

/// <summary>
/// A Hugging Face byte-level BPE tokenizer (<c>tokenizer.json</c> plus <c>tokenizer_config.json</c>), such as Qwen2/Qwen3's,
/// DeepSeek-V3/R1's or Llama 3's (R1-Distill-Llama). Added tokens are cut out first (longest match wins); the text between
/// them is normalized, split by <see cref="HfSplitPreTokenizer"/> and encoded by a Microsoft.ML.Tokenizers
/// <see cref="BpeTokenizer"/>. With BPE <c>ignore_merges</c> (Llama 3) a pre-token that is itself a vocabulary entry is
/// one id. Decoding applies <c>clean_up_tokenization_spaces</c> when <c>tokenizer_config.json</c> sets it to true (absent
/// means false). Byte fallback (SentencePiece-style vocabularies) is not supported and fails at load.
/// Ids and decodings match the reference implementation (<c>@lenml/tokenizers</c>, a port of transformers.js).
/// </summary>
public sealed class HfTokenizer : ITextTokenizer
{
    /// <summary>The tokenizer file name.</summary>
    public const string TokenizerFileName = "tokenizer.json";

    /// <summary>The optional configuration file name (special-token names).</summary>
    public const string ConfigFileName = "tokenizer_config.json";

    private readonly HfAddedTokenSplitter _splitter;
    private readonly string?[] _tokens;                 // id -> token text (byte-level alphabet for BPE tokens)
    private readonly HfAddedToken?[] _added;            // id -> added token, if any
    private readonly bool[] _skippable;                 // id -> dropped by Decode(skipSpecialTokens: true)
    private readonly Dictionary<string, int> _ids;
    private readonly string _sourceDirectory;
    private readonly Dictionary<string, int>? _wholePreTokens;  // the BPE vocabulary, when ignore_merges is set
    private readonly HfSplitPreTokenizer _preTokenizer;
    private readonly Normalizer? _normalizer;
    private readonly bool _cleanUpSpaces;

    private HfTokenizer(string directory, HfTokenizerJson json, HfTokenizerConfig config)
    {
        _sourceDirectory = Path.GetFullPath(directory);
        _preTokenizer = new HfSplitPreTokenizer(json.SplitPatterns);
        _normalizer = json.Normalization is { } form ? new HfUnicodeNormalizer(form) : null;
        Bpe = BpeTokenizer.Create(new BpeOptions(json.Vocab)
        {
            Merges = json.Merges, ByteLevel = true, PreTokenizer = _preTokenizer, Normalizer = _normalizer,
        });
        _wholePreTokens = json.IgnoreMerges ? json.Vocab : null;
        _cleanUpSpaces = config.CleanUpTokenizationSpaces;
        AddedTokens = json.AddedTokens;
        _splitter = new HfAddedTokenSplitter(json.AddedTokens);
        _ids = new Dictionary<string, int>(json.Vocab, StringComparer.Ordinal);
        foreach (var t in json.AddedTokens) _ids[t.Content] = t.Id;
        VocabSize = _ids.Values.Max() + 1;
        (_tokens, _added) = (new string?[VocabSize], new HfAddedToken?[VocabSize]);
        foreach (var (token, id) in json.Vocab) _tokens[id] = token;
        foreach (var t in json.AddedTokens) (_tokens[t.Id], _added[t.Id]) = (t.Content, t);
        _skippable = SkippableIds(config);
        Config = config;
        (EosIds, PadId, BosId) = SpecialIds(config);
    }

    /// <summary>
    /// Loads <c>tokenizer.json</c> and, when present, <c>tokenizer_config.json</c> from <paramref name="directory"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no <c>tokenizer.json</c>.</exception>
    /// <exception cref="InvalidDataException">The file uses a component this loader does not support, or has no end-of-sequence token.</exception>
    public static HfTokenizer Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string file = Path.Combine(directory, TokenizerFileName);
        if (!File.Exists(file)) throw new FileNotFoundException($"No {TokenizerFileName} in '{directory}'.", file);
        return new HfTokenizer(directory, HfTokenizerJson.Read(file), HfTokenizerConfig.ReadFolder(directory));
    }

    /// <summary>
    /// The Microsoft.ML.Tokenizers BPE model that encodes the text between added tokens (with this tokenizer's normalizer
    /// and pre-tokenizer). Calling it directly does not recognise added tokens; use <see cref="Encode"/> for that.
    /// </summary>
    public BpeTokenizer Bpe { get; }

    /// <summary>The special-token names and the chat template read with this tokenizer (read at load time).</summary>
    internal HfTokenizerConfig Config { get; }

    /// <summary>The added tokens of <c>tokenizer.json</c> (special and not), such as <c>&lt;|im_end|&gt;</c> or <c>&lt;think&gt;</c>.</summary>
    internal IReadOnlyList<HfAddedToken> AddedTokens { get; }

    /// <inheritdoc />
    public int VocabSize { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> EosIds { get; }

    /// <inheritdoc />
    public int PadId { get; }

    /// <inheritdoc />
    public int? BosId { get; }

    /// <summary>The id of a token (BPE or added), or null if it is not in the vocabulary.</summary>
    public int? TokenToId(string token) => _ids.TryGetValue(token, out int id) ? id : null;

    /// <summary>The token text of an id (byte-level alphabet for BPE tokens), or null for an unused id.</summary>
    public string? IdToToken(int id) => (uint)id < (uint)_tokens.Length ? _tokens[id] : null;

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        foreach (var section in _splitter.Split(text))
        {
            if (section.Token is { } added) ids.Add(added.Id);
            else if (section.Text.Length > 0) EncodeText(section.Text, ids);
        }
        return ids;
    }

    // Without ignore_merges the BPE model pre-tokenizes and merges. With it, each pre-token found whole in the vocabulary
    // is one id; the others go through the BPE model alone (a pre-token splits into itself again).
    private void EncodeText(string text, List<int> ids)
    {
        if (_wholePreTokens is null) { ids.AddRange(Bpe.EncodeToIds(text)); return; }
        string normalized = _normalizer?.Normalize(text) ?? text;
        foreach (var (offset, length) in _preTokenizer.PreTokenize(normalized))
        {
            string piece = normalized.Substring(offset, length);
            if (_wholePreTokens.TryGetValue(HfByteLevel.Encode(piece), out int id)) ids.Add(id);
            else ids.AddRange(Bpe.EncodeToIds(piece));
        }
    }

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder();
        var bytes = new List<byte>();
        foreach (int id in ids)
        {
            string token = IdToToken(id)
                ?? throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id {id} is not in the vocabulary (size {VocabSize}).");
            if (skipSpecialTokens && _skippable[id]) continue;
            if (_added[id] is null && HfByteLevel.TryAppendBytes(token, bytes)) continue;
            Flush(text, bytes);
            text.Append(token);
        }
        Flush(text, bytes);
        return _cleanUpSpaces ? HfTokenizationSpaces.CleanUp(text.ToString()) : text.ToString();
    }

    private static void Flush(StringBuilder text, List<byte> bytes)
    {
        text.Append(HfByteLevel.DecodeUtf8(bytes));
        bytes.Clear();
    }

    /// <summary>
    /// Copies <c>tokenizer.json</c>, <c>tokenizer_config.json</c> and <c>chat_template.jinja</c> (when they exist) into
    /// <paramref name="directory"/>.
    /// </summary>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        string target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        if (string.Equals(target, _sourceDirectory.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            return;
        foreach (string name in new[] { TokenizerFileName, ConfigFileName, HfTokenizerConfig.ChatTemplateFileName })
        {
            string source = Path.Combine(_sourceDirectory, name);
            if (File.Exists(source)) File.Copy(source, Path.Combine(directory, name), overwrite: true);
        }
    }

    // Skipped when decoding: added tokens marked special, plus the config's named and additional special tokens.
    private bool[] SkippableIds(HfTokenizerConfig config)
    {
        var skip = new bool[VocabSize];
        foreach (var t in AddedTokens.Where(t => t.Special)) skip[t.Id] = true;
        var named = new[] { config.BosToken, config.EosToken, config.PadToken, config.UnkToken }.Concat(config.AdditionalSpecialTokens);
        foreach (var name in named)
            if (name is not null && TokenToId(name) is { } id) skip[id] = true;
        return skip;
    }

    // EOS: the config's eos_token; ChatML vocabularies (Qwen) also stop at <|im_end|> and <|endoftext|>.
    private (IReadOnlyList<int> Eos, int Pad, int? Bos) SpecialIds(HfTokenizerConfig config)
    {
        var eos = new List<int>();
        if (config.EosToken is { } e)
            eos.Add(TokenToId(e) ?? throw new InvalidDataException($"{ConfigFileName}: eos_token '{e}' is not in the vocabulary."));
        if (TokenToId("<|im_start|>") is not null)
            foreach (var name in new[] { "<|im_end|>", "<|endoftext|>" })
                if (TokenToId(name) is { } id && !eos.Contains(id)) eos.Add(id);
        if (eos.Count == 0) throw new InvalidDataException($"{_sourceDirectory}: no end-of-sequence token (set eos_token in {ConfigFileName}).");
        int pad = config.PadToken is { } p && TokenToId(p) is { } padId ? padId : eos[0];
        int? bos = config.BosToken is { } b ? TokenToId(b) : null;
        return (eos, pad, bos);
    }
}
