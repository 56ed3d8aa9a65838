namespace R1.Rewards.Abstractions;

/// <summary>
/// The score one reward gives one completion, "not applicable", or "missing", with a short diagnostic saying why.
/// </summary>
/// <remarks>
/// "Not applicable" (<see cref="NotApplicable"/>) means the reward legitimately does not apply (a code reward on a math row, a
/// completion without a final answer): it adds 0 to the total and nothing is logged. "Missing" (<see cref="Missing"/>) means
/// the reward should have scored the completion but could not (it threw, timed out, returned a non-finite or absurd value, a
/// judge failed): the sample's total is then incomplete, and GRPO leaves the sample out of its group's normalisation and the loss.
/// </remarks>
/// <param name="Value">The score, usually in [0, 1]; <see langword="null"/> when the reward does not apply or is missing.</param>
/// <param name="Diagnostic">A short human-readable reason, such as <c>"boxed 1/2 == gold 0.5"</c>.</param>
public readonly record struct RewardScore(double? Value, string Diagnostic)
{
    /// <summary>Whether the reward applied to this completion (it has a value).</summary>
    public bool IsApplicable => Value.HasValue;

    /// <summary>Whether the reward failed on this completion (error, timeout, non-finite value): the score is missing, not "not
    /// applicable".</summary>
    public bool IsMissing { get; init; }

    /// <summary>A score of <paramref name="value"/> with a diagnostic.</summary>
    public static RewardScore Of(double value, string diagnostic) => new(value, diagnostic);

    /// <summary>A "not applicable" result with the reason: the reward does not apply to this completion (not an error).</summary>
    public static RewardScore NotApplicable(string diagnostic) => new(null, diagnostic);

    /// <summary>A missing score: the reward failed on this completion (error, timeout, garbage), with the reason.</summary>
    public static RewardScore Missing(string diagnostic) => new(null, diagnostic) { IsMissing = true };

    /// <inheritdoc />
    public override string ToString() =>
        Value is { } v ? $"{v:0.###} ({Diagnostic})" : IsMissing ? $"missing ({Diagnostic})" : $"n/a ({Diagnostic})";
}
