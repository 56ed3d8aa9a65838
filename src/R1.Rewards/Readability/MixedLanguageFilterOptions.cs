using R1.Rewards.Language;

namespace R1.Rewards.Readability;

/// <summary>Options of <see cref="MixedLanguageFilter"/>.</summary>
public sealed class MixedLanguageFilterOptions : ReadabilityFilterOptions
{
    /// <summary>
    /// The lowest language-consistency score that passes: the share of counted words written in the target language's scripts (as
    /// the <c>language</c> reward computes it). Default: 0.95 (at most one word in twenty in another script).
    /// </summary>
    public double Threshold { get; set; } = 0.95;

    /// <summary>
    /// The target language (ISO 639-1, such as <c>ko</c>) for samples whose <c>Language</c> is not set. Default: <see langword="null"/>,
    /// meaning the text's own dominant language: the text is then mixed when that language's share is below <see cref="Threshold"/>.
    /// </summary>
    public string? DefaultLanguage { get; set; }

    /// <summary>
    /// The fewest counted word units needed to judge; a text with fewer passes (its verdict says so). Han, Hiragana and Katakana
    /// count one unit per character. Default: 5.
    /// </summary>
    public int MinWords { get; set; } = 5;

    /// <summary>Whether math, LaTeX, numbers and code in backticks are neutral (not counted), as in the reward.
    /// Default: <see langword="true"/>.</summary>
    public bool NeutralizeMath { get; set; } = true;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (!(Threshold is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "Threshold must be in [0, 1].");
        if (MinWords < 1) throw new ArgumentOutOfRangeException(nameof(MinWords), MinWords, "MinWords must be at least 1.");
        if (!string.IsNullOrWhiteSpace(DefaultLanguage) && !LanguageScripts.TryGetScripts(DefaultLanguage, out _))
            throw new ArgumentException(
                $"Unknown default language '{DefaultLanguage}'. Known ISO 639-1 codes: {string.Join(", ", LanguageScripts.KnownLanguages.Order())}.",
                nameof(DefaultLanguage));
    }
}
