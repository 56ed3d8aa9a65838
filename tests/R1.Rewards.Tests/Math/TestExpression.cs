using System.Globalization;

namespace R1.Rewards.Tests.Math;

/// <summary>
/// A test-only expression tree with its own evaluator and two independent LaTeX renderers, used by the property tests
/// to check the production parser against a reference. Denominators and radicands are kept positive (r^2+1).
/// </summary>
internal abstract record TestExpression
{
    public sealed record Num(int Value) : TestExpression;
    public sealed record Var(string Name) : TestExpression;
    public sealed record Neg(TestExpression X) : TestExpression;
    public sealed record Op(char Symbol, TestExpression L, TestExpression R) : TestExpression; // + - *
    public sealed record SafeDiv(TestExpression L, TestExpression R) : TestExpression;         // L / (R^2 + 1)
    public sealed record Pow(TestExpression Base, int Exponent) : TestExpression;              // exponent 0..3
    public sealed record SafeSqrt(TestExpression X) : TestExpression;                          // sqrt(X^2 + 1)
    public sealed record Sin(TestExpression X) : TestExpression;

    public double Eval(double x, double y) => this switch
    {
        Num n => n.Value,
        Var v => v.Name == "x" ? x : y,
        Neg n => -n.X.Eval(x, y),
        Op { Symbol: '+' } o => o.L.Eval(x, y) + o.R.Eval(x, y),
        Op { Symbol: '-' } o => o.L.Eval(x, y) - o.R.Eval(x, y),
        Op o => o.L.Eval(x, y) * o.R.Eval(x, y),
        SafeDiv d => d.L.Eval(x, y) / (System.Math.Pow(d.R.Eval(x, y), 2) + 1),
        Pow p => System.Math.Pow(p.Base.Eval(x, y), p.Exponent),
        SafeSqrt s => System.Math.Sqrt(System.Math.Pow(s.X.Eval(x, y), 2) + 1),
        Sin s => System.Math.Sin(s.X.Eval(x, y)),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Fully parenthesised, with \frac, \cdot and \left( \right).</summary>
    public string Verbose() => this switch
    {
        Num n => n.Value.ToString(CultureInfo.InvariantCulture),
        Var v => v.Name,
        Neg n => $"\\left(-{n.X.Verbose()}\\right)",
        Op { Symbol: '*' } o => $"\\left({o.L.Verbose()} \\cdot {o.R.Verbose()}\\right)",
        Op o => $"\\left({o.L.Verbose()} {o.Symbol} {o.R.Verbose()}\\right)",
        SafeDiv d => $"\\frac{{{d.L.Verbose()}}}{{\\left({d.R.Verbose()}\\right)^{{2}} + 1}}",
        Pow p => $"\\left({p.Base.Verbose()}\\right)^{{{p.Exponent}}}",
        SafeSqrt s => $"\\sqrt{{\\left({s.X.Verbose()}\\right)^2+1}}",
        Sin s => $"\\sin\\left({s.X.Verbose()}\\right)",
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Minimal parentheses by precedence, \dfrac, \times or implicit products, and commuted operands.</summary>
    public string Compact() => Compact(0);

    private const int Additive = 1, Multiplicative = 2, Unary = 3, Power = 4;

    private string Compact(int context)
    {
        var (text, level) = this switch
        {
            Num n => (n.Value.ToString(CultureInfo.InvariantCulture), 5),
            Var v => (v.Name, 5),
            Neg n => ("-" + n.X.Compact(Unary), Unary),
            Op { Symbol: '+' } o => ($"{o.R.Compact(Additive)}+{o.L.Compact(Additive)}", Additive),
            Op { Symbol: '-' } o => ($"{o.L.Compact(Additive)}-{o.R.Compact(Multiplicative)}", Additive),
            Op { L: Var or SafeSqrt or Sin } o => ($"{o.R.Compact(Multiplicative)}{o.L.Compact(Multiplicative)}", Multiplicative),
                // implicit: 2x, x\sqrt{..}
            Op o => ($"{o.R.Compact(Multiplicative)}\\times {o.L.Compact(Multiplicative)}", Multiplicative),
            SafeDiv d => ($"\\dfrac{{{d.L.Compact(0)}}}{{1+{d.R.Compact(Power)}^2}}", 5),
            Pow p => ($"{p.Base.Compact(5)}^{p.Exponent}", Power),
            SafeSqrt s => ($"\\sqrt{{{s.X.Compact(Power)}^{{2}}+1}}", 5),
            Sin s => ($"\\sin({s.X.Compact(0)})", 5),
            _ => throw new InvalidOperationException(),
        };
        return level > context || (level == context && level == Additive && this is Op { Symbol: '+' }) ? text : $"({text})";
    }

    public override string ToString() => Verbose();
}
