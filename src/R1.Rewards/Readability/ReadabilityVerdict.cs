namespace R1.Rewards.Readability;

/// <summary>What a <see cref="IReadabilityFilter"/> decided about one sample.</summary>
/// <param name="Passed">Whether the sample is readable by this filter's rule.</param>
/// <param name="Reason">Why it failed (or a short note when it passed), for example <c>"paragraph 2 has 812 characters (max 600)"</c>.</param>
public readonly record struct ReadabilityVerdict(bool Passed, string Reason)
{
    /// <summary>The sample passes.</summary>
    public static ReadabilityVerdict Pass(string reason = "ok") => new(true, reason);

    /// <summary>The sample fails, with the reason.</summary>
    public static ReadabilityVerdict Fail(string reason) => new(false, reason);
}
