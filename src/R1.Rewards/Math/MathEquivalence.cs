namespace R1.Rewards.Math;

/// <summary>The outcome of <see cref="MathVerifier.AreEquivalent"/>: whether two answers are equivalent, and why.</summary>
/// <param name="IsEquivalent">Whether the answers are mathematically equivalent.</param>
/// <param name="Diagnostic">How it was decided, for example <c>"exact 1/2 == 1/2"</c> or <c>"could not parse: …"</c>.</param>
public sealed record MathEquivalence(bool IsEquivalent, string Diagnostic)
{
    /// <inheritdoc />
    public override string ToString() => $"{(IsEquivalent ? "equivalent" : "not equivalent")}: {Diagnostic}";
}
