namespace R1.Rewards.Readability;

/// <summary>Options of <see cref="UnfinishedReasoningFilter"/>.</summary>
public sealed class UnfinishedReasoningFilterOptions
{
    /// <summary>
    /// Whether a completion with no think tags at all (a plain answer, no reasoning) passes. Default: <see langword="false"/>: every kept
    /// sample must close its reasoning with <c>&lt;/think&gt;</c>, as rejection-sampled reasoning data must.
    /// </summary>
    public bool AllowNoReasoning { get; set; }
}
