using static R1.Rewards.Math.MathNode;

namespace R1.Rewards.Math;

/// <summary>
/// Evaluates a constant expression exactly as a <see cref="RadicalSum"/> (rationals and square roots of rationals combined
/// with <c>+ - * /</c> and integer or half-integer powers), so <c>\sqrt{8}</c> equals <c>2\sqrt2</c> without rounding.
/// Returns <see langword="null"/> for anything else (nested radicals, other functions, variables, decimals).
/// </summary>
internal static class RadicalEvaluator
{
    private const int MaxPower = 64;

    /// <summary>The exact radical form of <paramref name="node"/>, or <see langword="null"/>.</summary>
    public static RadicalSum? TryEvaluate(MathNode node, MathBudget budget)
    {
        budget.Step();
        switch (node)
        {
            case Number { IsDecimal: false } n: return RadicalSum.Of(n.Value);
            case Negate(var x): return TryEvaluate(x, budget) is { } v ? RadicalSum.Of(Rational.Zero).Add(v, -1) : null;
            case Binary('^', var b, var e): return Power(b, e, budget);
            case Binary(var op, var l, var r) when op is '+' or '-' or '*' or '/':
                if (TryEvaluate(l, budget) is not { } a || TryEvaluate(r, budget) is not { } c) return null;
                return op switch { '+' => a.Add(c), '-' => a.Add(c, -1), '*' => a.Multiply(c), _ => a.Divide(c) };
            case Function { Name: "sqrt" } f: return SqrtOf(f.Args[0], budget);
            case Function { Name: "root" } f when ExactEvaluator.TryEvaluate(f.Args[1], budget, 64) == 2: return SqrtOf(f.Args[0], budget);
            default: return null;
        }
    }

    private static RadicalSum? SqrtOf(MathNode radicand, MathBudget budget) =>
        TryEvaluate(radicand, budget)?.AsRational is { } value ? RadicalSum.Sqrt(value) : null;

    private static RadicalSum? Power(MathNode baseNode, MathNode exponentNode, MathBudget budget)
    {
        if (ExactEvaluator.TryEvaluate(exponentNode, budget, 64) is not { } exponent) return null;
        if (exponent.Denominator == 2) // x^{p/2} = (√x)^p
            return TryEvaluate(baseNode, budget)?.AsRational is { } b && RadicalSum.Sqrt(b) is { } root
                ? IntegerPower(root, exponent.Numerator, budget) : null;
        return exponent.IsInteger && TryEvaluate(baseNode, budget) is { } value ? IntegerPower(value, exponent.Numerator, budget) : null;
    }

    private static RadicalSum? IntegerPower(RadicalSum value, System.Numerics.BigInteger exponent, MathBudget budget)
    {
        if (System.Numerics.BigInteger.Abs(exponent) > MaxPower) return null;
        var result = RadicalSum.Of(Rational.One);
        for (var k = 0; k < (int)System.Numerics.BigInteger.Abs(exponent) && result is not null; k++)
        {
            budget.Step();
            result = result.Multiply(value);
        }
        return exponent.Sign >= 0 || result is null ? result : RadicalSum.Of(Rational.One).Divide(result);
    }
}
