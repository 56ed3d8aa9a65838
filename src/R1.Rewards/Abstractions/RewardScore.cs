namespace R1.Rewards.Abstractions;

/// <summary>
/// The score one reward gives one completion, or "not applicable", with a short diagnostic saying why.
/// </summary>
/// <param name="Value">The score, usually in [0, 1]; <see langword="null"/> when the reward does not apply.</param>
/// <param name="Diagnostic">A short human-readable reason, such as <c>"boxed 1/2 == gold 0.5"</c>.</param>
public readonly record struct RewardScore(double? Value, string Diagnostic)
{
    /// <summary>Whether the reward applied to this completion.</summary>
    public bool IsApplicable => Value.HasValue;

    /// <summary>A score of <paramref name="value"/> with a diagnostic.</summary>
    public static RewardScore Of(double value, string diagnostic) => new(value, diagnostic);

    /// <summary>A "not applicable" result with the reason.</summary>
    public static RewardScore NotApplicable(string diagnostic) => new(null, diagnostic);

    /// <inheritdoc />
    public override string ToString() => Value is { } v ? $"{v:0.###} ({Diagnostic})" : $"n/a ({Diagnostic})";
}
