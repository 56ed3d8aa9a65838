namespace R1.Rollout.Tokenization;

/// <summary>Loads whichever tokenizer a model folder holds.</summary>
public static class TokenizerFiles
{
    /// <summary>
    /// Loads the tokenizer saved in <paramref name="directory"/>: <c>char_tokenizer.json</c> (<see cref="CharTokenizer"/>)
    /// or a Hugging Face <c>tokenizer.json</c> (<see cref="HfTokenizer"/>) (with <c>tokenizer_config.json</c> when present).
    /// </summary>
    public static ITextTokenizer Load(string directory)
    {
        string charFile = Path.Combine(directory, CharTokenizer.FileName);
        if (File.Exists(charFile)) return CharTokenizer.Load(charFile);
        string hfFile = Path.Combine(directory, "tokenizer.json");
        if (File.Exists(hfFile)) return HfTokenizer.Load(directory);
        throw new FileNotFoundException($"No tokenizer in '{directory}': expected {CharTokenizer.FileName} or tokenizer.json.");
    }
}
