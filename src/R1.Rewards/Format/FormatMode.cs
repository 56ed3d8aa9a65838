namespace R1.Rewards.Format;

/// <summary>How strictly <see cref="FormatReward"/> checks the layout.</summary>
public enum FormatMode
{
    /// <summary>
    /// Each tag exactly once, in order; only whitespace outside the blocks (R1-Zero) or before <c>&lt;think&gt;</c> (R1);
    /// non-empty reasoning and answer. Tags are case-sensitive.
    /// </summary>
    Strict,

    /// <summary>
    /// The blocks appear in order somewhere (the first occurrence of each tag is used); any text may surround them;
    /// the reasoning may be empty; the answer (R1-Zero) or summary (R1) must not be. Tags are case-insensitive.
    /// </summary>
    Lenient,
}
