using System.Globalization;

namespace R1.Rewards.Math;

/// <summary>
/// A node of the small math syntax tree that <see cref="LatexParser"/> builds from an answer:
/// numbers, symbols, operators and functions, plus the answer structures (tuples, intervals, sets, matrices, equations).
/// </summary>
internal abstract record MathNode
{
    private MathNode() { }

    /// <summary>An exact number; <see cref="IsDecimal"/> when written with a decimal point (compared with a tolerance).</summary>
    public sealed record Number(Rational Value, bool IsDecimal) : MathNode
    {
        /// <inheritdoc />
        public override string ToString() => IsDecimal ? Value.ToDouble().ToString("G15", CultureInfo.InvariantCulture) : Value.ToString();
    }

    /// <summary>A variable or an opaque name such as <c>x</c>, <c>x_1</c>, <c>\theta</c> or the base-5 numeral <c>204_5</c>.</summary>
    public sealed record Symbol(string Name) : MathNode
    {
        /// <inheritdoc />
        public override string ToString() => Name;
    }

    /// <summary>A named constant: <c>pi</c>, <c>e</c>, <c>i</c> (imaginary unit) or <c>inf</c>.</summary>
    public sealed record Constant(string Name) : MathNode
    {
        /// <inheritdoc />
        public override string ToString() => Name;
    }

    /// <summary>Unary minus.</summary>
    public sealed record Negate(MathNode Operand) : MathNode
    {
        /// <inheritdoc />
        public override string ToString() => $"-({Operand})";
    }

    /// <summary>A binary operator: <c>+ - * / ^</c>, or <c>±</c> (expanded into two answers when compared).</summary>
    public sealed record Binary(char Op, MathNode Left, MathNode Right) : MathNode
    {
        /// <inheritdoc />
        public override string ToString() => $"({Left} {Op} {Right})";
    }

    /// <summary>A function application such as <c>sqrt</c>, <c>root</c> (radicand, index), <c>sin</c>, <c>log</c> (argument, base), <c>abs</c>,
    /// <c>fact</c>, <c>binom</c>.</summary>
    public sealed record Function(string Name, IReadOnlyList<MathNode> Args) : MathNode
    {
        /// <inheritdoc />
        public override string ToString() => $"{Name}({string.Join(", ", Args)})";
    }

    /// <summary>
    /// A delimited list: a tuple or interval (<c>(</c>/<c>[</c> ... <c>)</c>/<c>]</c>), a set (<c>{</c> <c>}</c>),
    /// or a bare comma-separated list (empty delimiters, compared like a set).
    /// </summary>
    public sealed record Sequence(string Open, string Close, IReadOnlyList<MathNode> Items) : MathNode
    {
        /// <summary>Whether order does not matter (sets and bare lists).</summary>
        public bool IsUnordered => Open is "" or "{";

        /// <inheritdoc />
        public override string ToString() => $"{Open}{string.Join(", ", Items)}{Close}";
    }

    /// <summary>A matrix or vector, row by row.</summary>
    public sealed record Matrix(IReadOnlyList<IReadOnlyList<MathNode>> Rows) : MathNode
    {
        /// <inheritdoc />
        public override string ToString() => "[" + string.Join("; ", Rows.Select(r => string.Join(", ", r))) + "]";
    }

    /// <summary>An equation <c>Left = Right</c>.</summary>
    public sealed record Equation(MathNode Left, MathNode Right) : MathNode
    {
        /// <inheritdoc />
        public override string ToString() => $"{Left} = {Right}";
    }

    /// <summary>A union of intervals or sets (order does not matter).</summary>
    public sealed record Union(IReadOnlyList<MathNode> Parts) : MathNode
    {
        /// <inheritdoc />
        public override string ToString() => string.Join(" ∪ ", Parts);
    }
}
