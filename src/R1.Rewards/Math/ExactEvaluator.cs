using System.Numerics;
using static R1.Rewards.Math.MathNode;

namespace R1.Rewards.Math;

/// <summary>
/// Evaluates a constant expression exactly as a <see cref="Rational"/> (integers, fractions, decimals, integer powers,
/// square roots of perfect squares, factorials, binomials). Returns <see langword="null"/> when the value is not rational
/// or not representable within the size limit (for example <c>10^{10^{10}}</c>).
/// </summary>
internal static class ExactEvaluator
{
    private const int MaxFactorial = 1000;

    /// <summary>The exact value of <paramref name="node"/>, or <see langword="null"/>.</summary>
    /// <param name="node">The expression.</param>
    /// <param name="budget">Counts steps; throws when spent.</param>
    /// <param name="maxBits">The largest intermediate result allowed, in bits.</param>
    public static Rational? TryEvaluate(MathNode node, MathBudget budget, long maxBits)
    {
        budget.Step();
        switch (node)
        {
            case Number n: return n.Value;
            case Negate(var operand): return -TryEvaluate(operand, budget, maxBits);
            case Binary(var op and not '±', var left, var right):
                var a = TryEvaluate(left, budget, maxBits);
                if (a is null) return null;
                var b = TryEvaluate(right, budget, maxBits);
                return b is null ? null : Apply(op, a.Value, b.Value, maxBits);
            case Function f: return Function(f, budget, maxBits);
            default: return null;
        }
    }

    private static Rational? Apply(char op, Rational a, Rational b, long maxBits)
    {
        Rational? result = op switch
        {
            '+' => a + b,
            '-' => a - b,
            '*' => a * b,
            '/' => b.IsZero ? null : a / b,
            '^' => Power(a, b, maxBits),
            _ => null,
        };
        return result is { } r && r.BitLength > maxBits ? null : result;
    }

    private static Rational? Power(Rational a, Rational b, long maxBits)
    {
        if (b.IsInteger) return a.TryPow(b.Numerator, maxBits, out var p) ? p : null;
        // a^(1/2) and friends: exact only for perfect squares.
        if (b.Denominator == 2 && a.TrySqrt(out var root)) return root.TryPow(b.Numerator, maxBits, out var q) ? q : null;
        return null;
    }

    private static Rational? Function(Function f, MathBudget budget, long maxBits)
    {
        var args = new Rational[f.Args.Count];
        for (var k = 0; k < args.Length; k++)
        {
            if (TryEvaluate(f.Args[k], budget, maxBits) is not { } value) return null;
            args[k] = value;
        }
        switch (f.Name)
        {
            case "sqrt": return args[0].TrySqrt(out var root) ? root : null;
            case "abs": return args[0].Sign < 0 ? -args[0] : args[0];
            case "floor" or "ceil" when args[0].IsInteger: return args[0];
            case "floor": return Floor(args[0]);
            case "ceil": return Floor(args[0]) + 1;
            case "fact": return Factorial(args[0], budget);
            case "binom": return Binomial(args[0], args[1], budget);
            default: return null;
        }
    }

    private static Rational Floor(Rational x) =>
        BigInteger.Divide(x.Numerator - (x.Sign < 0 ? x.Denominator - 1 : 0), x.Denominator);

    private static Rational? Factorial(Rational n, MathBudget budget)
    {
        if (!n.IsInteger || n.Sign < 0 || n.Numerator > MaxFactorial) return null;
        var result = BigInteger.One;
        for (var k = 2; k <= (int)n.Numerator; k++) { budget.Step(); result *= k; }
        return result;
    }

    private static Rational? Binomial(Rational n, Rational k, MathBudget budget)
    {
        if (!n.IsInteger || !k.IsInteger || k.Sign < 0 || n.Sign < 0 || k.Numerator > n.Numerator || n.Numerator > 100_000) return null;
        var kk = (int)BigInteger.Min(k.Numerator, n.Numerator - k.Numerator);
        var result = BigInteger.One;
        for (var j = 1; j <= kk; j++) { budget.Step(); result = result * (n.Numerator - kk + j) / j; }
        return result;
    }
}
