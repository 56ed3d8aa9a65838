namespace R1.Rewards.Readability;

/// <summary>Options of <see cref="RepeatedNGramFilter"/>.</summary>
public sealed class RepeatedNGramFilterOptions : ReadabilityFilterOptions
{
    /// <summary>The n-gram length in words (Han, Hiragana and Katakana count one word per character). Default: 8.</summary>
    public int NGramSize { get; set; } = 8;

    /// <summary>How many times one n-gram may occur; one that occurs more often fails the sample. Default: 4.</summary>
    public int MaxRepeats { get; set; } = 4;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (NGramSize is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(NGramSize), NGramSize, "NGramSize must be in [1, 64].");
        if (MaxRepeats < 1) throw new ArgumentOutOfRangeException(nameof(MaxRepeats), MaxRepeats, "MaxRepeats must be at least 1.");
    }
}
