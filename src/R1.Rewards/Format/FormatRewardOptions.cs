namespace R1.Rewards.Format;

/// <summary>Options of <see cref="FormatReward"/>, bound from the configuration subsection <c>Rewards:Format</c>.</summary>
public sealed class FormatRewardOptions
{
    /// <summary>The configuration subsection name, <c>Format</c>.</summary>
    public const string SectionName = "Format";

    /// <summary>The expected layout. Default: <see cref="FormatStyle.R1Zero"/>.</summary>
    public FormatStyle Style { get; set; } = FormatStyle.R1Zero;

    /// <summary>Strict or lenient checking. Default: <see cref="FormatMode.Strict"/>.</summary>
    public FormatMode Mode { get; set; } = FormatMode.Strict;

    /// <summary>
    /// Whether a completion that fails the check earns <see cref="PartialCreditPerTag"/> for each expected tag that appears
    /// exactly once. Default: <see langword="false"/> (a failing completion scores 0).
    /// </summary>
    public bool PartialCredit { get; set; }

    /// <summary>The credit per correct tag when <see cref="PartialCredit"/> is on. Default: 0.125 (at most 0.5 for the four R1-Zero tags).</summary>
    public double PartialCreditPerTag { get; set; } = 0.125;

    /// <summary>
    /// Whether the prompt already ends with <c>&lt;think&gt;</c> (DeepSeek-R1's chat template adds <c>&lt;think&gt;\n</c> to the
    /// generation prompt), so the completion begins inside the think block and must not repeat the tag. Default: <see langword="false"/>.
    /// A sample whose <c>Prompt</c> itself ends with <c>&lt;think&gt;</c> is treated this way regardless.
    /// </summary>
    public bool ThinkOpenedInPrompt { get; set; }

    /// <summary>
    /// Whether end-of-text special tokens at the end of the completion (<c>&lt;|endoftext|&gt;</c>, <c>&lt;｜end▁of▁sentence｜&gt;</c>, …)
    /// are ignored. Default: <see langword="true"/>.
    /// </summary>
    public bool IgnoreTrailingSpecialTokens { get; set; } = true;

    /// <summary>Checks the values, naming the bad one.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Style)) throw new ArgumentOutOfRangeException(nameof(Style), Style, "Unknown format style.");
        if (!Enum.IsDefined(Mode)) throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "Unknown format mode.");
        if (!double.IsFinite(PartialCreditPerTag) || PartialCreditPerTag < 0 || PartialCreditPerTag > 1)
            throw new ArgumentOutOfRangeException(nameof(PartialCreditPerTag), PartialCreditPerTag, "PartialCreditPerTag must be in [0, 1].");
    }
}
