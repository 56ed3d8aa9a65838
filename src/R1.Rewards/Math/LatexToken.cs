namespace R1.Rewards.Math;

/// <summary>One token of a LaTeX answer.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">The number, letter, command name (without backslash) or symbol.</param>
/// <param name="Position">Character offset in the input, for error messages.</param>
internal readonly record struct LatexToken(LatexTokenKind Kind, string Text, int Position)
{
    /// <summary>Whether this is the symbol <paramref name="symbol"/>.</summary>
    public bool Is(string symbol) => Kind == LatexTokenKind.Symbol && Text == symbol;

    /// <inheritdoc />
    public override string ToString() => Kind == LatexTokenKind.Command ? "\\" + Text : Text;
}
