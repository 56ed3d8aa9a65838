namespace R1.Rewards.Language;

/// <summary>Options of <see cref="LanguageConsistencyReward"/>, bound from the configuration subsection <c>Rewards:Language</c>.</summary>
public sealed class LanguageConsistencyOptions
{
    /// <summary>The configuration subsection name, <c>Language</c>.</summary>
    public const string SectionName = "Language";

    /// <summary>
    /// The target language of the chain of thought (ISO 639-1, such as <c>ko</c>). Default: <see langword="null"/>, meaning the
    /// sample's <c>Language</c>, else the language detected from the prompt.
    /// </summary>
    public string? TargetLanguage { get; set; }

    /// <summary>Whether math, LaTeX and code in backticks are neutral (not counted). Default: <see langword="true"/>.</summary>
    public bool NeutralizeMath { get; set; } = true;

    /// <summary>
    /// The fewest counted word units a chain of thought needs to be scored; below it the reward is "not applicable".
    /// Default: 1.
    /// </summary>
    public int MinWords { get; set; } = 1;

    /// <summary>Checks the values, naming the bad one.</summary>
    public void Validate()
    {
        if (MinWords < 1) throw new ArgumentOutOfRangeException(nameof(MinWords), MinWords, "MinWords must be at least 1.");
        if (!string.IsNullOrWhiteSpace(TargetLanguage) && !LanguageScripts.TryGetScripts(TargetLanguage, out _))
            throw new ArgumentException(
                $"Unknown target language '{TargetLanguage}'. Known ISO 639-1 codes: {string.Join(", ", LanguageScripts.KnownLanguages.Order())}.",
                nameof(TargetLanguage));
    }
}
