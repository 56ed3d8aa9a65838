namespace R1.Rewards.Readability;

/// <summary>Options of <see cref="LongParagraphFilter"/>. A limit of 0 turns that check off (not both).</summary>
public sealed class LongParagraphFilterOptions : ReadabilityFilterOptions
{
    /// <summary>
    /// The most characters (Unicode scalars, surrounding white space excluded) one paragraph may have. Default: 1,500 (about 250
    /// English words, or a long page of Chinese, which has no spaces for <see cref="MaxWords"/> to count).
    /// </summary>
    public int MaxChars { get; set; } = 1_500;

    /// <summary>The most words (runs of non-white-space characters) one paragraph may have. Default: 250.</summary>
    public int MaxWords { get; set; } = 250;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (MaxChars < 0) throw new ArgumentOutOfRangeException(nameof(MaxChars), MaxChars, "MaxChars must not be negative (0 turns it off).");
        if (MaxWords < 0) throw new ArgumentOutOfRangeException(nameof(MaxWords), MaxWords, "MaxWords must not be negative (0 turns it off).");
        if (MaxChars == 0 && MaxWords == 0)
            throw new ArgumentException("MaxChars and MaxWords are both 0: the filter would check nothing.", nameof(MaxChars));
    }
}
