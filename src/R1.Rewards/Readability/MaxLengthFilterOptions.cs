namespace R1.Rewards.Readability;

/// <summary>Options of <see cref="MaxLengthFilter"/>. A limit of 0 turns that check off (not both).</summary>
public sealed class MaxLengthFilterOptions : ReadabilityFilterOptions
{
    /// <summary>The most characters (Unicode scalars) the text may have. Default: 16,000.</summary>
    public int MaxChars { get; set; } = 16_000;

    /// <summary>The most words (runs of non-white-space characters) the text may have. Default: 0 (off).</summary>
    public int MaxWords { get; set; }

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
