namespace R1.Rollout.Tokenization;

/// <summary>
/// Turns text into token ids and back. Implementations: <see cref="CharTokenizer"/> (the tiny default model)
/// and the Hugging Face <c>tokenizer.json</c> loader. Implementations are immutable and thread-safe.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>Number of ids the model's embedding must cover (every id is below this).</summary>
    int VocabSize { get; }

    /// <summary>Ids that end generation (for example <c>&lt;|im_end|&gt;</c> and <c>&lt;|endoftext|&gt;</c>).</summary>
    IReadOnlyList<int> EosIds { get; }

    /// <summary>The id used for padding batches (never attended to).</summary>
    int PadId { get; }

    /// <summary>The beginning-of-sequence id, if the model uses one.</summary>
    int? BosId { get; }

    /// <summary>
    /// Encodes text. Special-token strings that appear in the text (such as <c>&lt;think&gt;</c> where it is a special token)
    /// map to their ids; nothing is added at the start or end.
    /// </summary>
    IReadOnlyList<int> Encode(string text);

    /// <summary>Decodes ids to text, optionally dropping special tokens.</summary>
    string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false);

    /// <summary>Writes the files that <see cref="TokenizerFiles.Load"/> reads back into <paramref name="directory"/>.</summary>
    void Save(string directory);
}
