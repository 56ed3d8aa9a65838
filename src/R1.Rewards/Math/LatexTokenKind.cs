namespace R1.Rewards.Math;

/// <summary>The kind of a <see cref="LatexToken"/>.</summary>
internal enum LatexTokenKind
{
    /// <summary>A decimal number such as <c>12</c> or <c>.5</c>.</summary>
    Number,
    /// <summary>One letter (each letter is its own symbol: <c>xy</c> is <c>x*y</c>).</summary>
    Letter,
    /// <summary>A command such as <c>\frac</c> (text without the backslash).</summary>
    Command,
    /// <summary>An operator or delimiter: <c>+ - * / ^ _ ( ) [ ] { } , = | ! &amp; ±</c>, <c>∪</c>, set braces <c>⦃ ⦄</c>, row break
    /// <c>\\</c>.</summary>
    Symbol,
    /// <summary>A matrix environment start (<c>\begin{pmatrix}</c> and friends).</summary>
    BeginMatrix,
    /// <summary>A matrix environment end.</summary>
    EndMatrix,
    /// <summary>The end of the input.</summary>
    End,
}
