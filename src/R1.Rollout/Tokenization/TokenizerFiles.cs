namespace R1.Rollout.Tokenization;

/// <summary>Loads whichever tokenizer a model folder holds.</summary>
public static class TokenizerFiles
{
    /// <summary>
    /// Loads the tokenizer saved in <paramref name="directory"/>: <c>char_tokenizer.json</c> (<see cref="CharTokenizer"/>)
    /// or a Hugging Face <c>tokenizer.json</c> (with <c>tokenizer_config.json</c> when present).
    /// </summary>
    public static ITextTokenizer Load(string directory)
    {
        string charFile = Path.Combine(directory, CharTokenizer.FileName);
        if (File.Exists(charFile)) return CharTokenizer.Load(charFile);
        string hfFile = Path.Combine(directory, "tokenizer.json");
        if (File.Exists(hfFile) && HfLoader is { } load) return load(directory);
        throw new FileNotFoundException($"No tokenizer in '{directory}': expected {CharTokenizer.FileName} or tokenizer.json.");
    }

    /// <summary>Set by the Hugging Face tokenizer implementation (kept separate so this file has no dependency on it).</summary>
    internal static Func<string, ITextTokenizer>? HfLoader { get; set; }
}
