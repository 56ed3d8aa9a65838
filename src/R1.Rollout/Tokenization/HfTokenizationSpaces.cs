namespace R1.Rollout.Tokenization;

/// <summary>
/// The <c>clean_up_tokenization_spaces</c> step of Hugging Face decoding: removes the space that word-level tokenizers
/// left before punctuation and English contractions (<c>" ."</c> → <c>"."</c>, <c>" n't"</c> → <c>"n't"</c>, …).
/// Applied, in this order, to the whole decoded text when <c>tokenizer_config.json</c> sets it (Llama 3 does).
/// </summary>
internal static class HfTokenizationSpaces
{
    private static readonly (string From, string To)[] Replacements =
    [
        (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"),
        (" n't", "n't"), (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
    ];

    /// <summary>The text with each replacement applied left to right over the whole string.</summary>
    public static string CleanUp(string text)
    {
        foreach (var (from, to) in Replacements) text = text.Replace(from, to, StringComparison.Ordinal);
        return text;
    }
}
