using System.Globalization;
using System.Numerics;
using static R1.Rewards.Math.MathNode;

namespace R1.Rewards.Math;

/// <summary>
/// Decides whether two scalar expressions are equal: exactly with <see cref="Rational"/> arithmetic when both are rational,
/// numerically for constants such as <c>2\sqrt2</c> or <c>\pi</c> (decimals use the decimal tolerance), and symbolically by
/// evaluating both at random points when they contain variables (so <c>(x+1)^2</c> equals <c>x^2+2x+1</c>).
/// </summary>
internal sealed class ExpressionComparer(MathAccuracyOptions options, MathBudget budget)
{
    private const double AbsoluteTolerance = 1e-12;

    /// <summary>Compares two scalar expressions; the diagnostic says how.</summary>
    public MathEquivalence Compare(MathNode a, MathNode b)
    {
        var decimals = HasDecimal(a) || HasDecimal(b);
        var exactA = ExactEvaluator.TryEvaluate(a, budget, options.MaxExponentBits);
        var exactB = exactA is null ? null : ExactEvaluator.TryEvaluate(b, budget, options.MaxExponentBits);
        if (exactA is { } ra && exactB is { } rb && !decimals)
            return new(ra == rb, $"exact {Show(ra)} {(ra == rb ? "==" : "!=")} {Show(rb)}");

        if (!decimals && RadicalEvaluator.TryEvaluate(a, budget) is { } qa && RadicalEvaluator.TryEvaluate(b, budget) is { } qb)
            return new(qa.Equals(qb), $"exact radicals {qa} {(qa.Equals(qb) ? "==" : "!=")} {qb}");

        var symbols = new SortedSet<string>(StringComparer.Ordinal);
        CollectSymbols(a, symbols);
        CollectSymbols(b, symbols);
        var tolerance = decimals ? options.DecimalTolerance : options.SymbolicTolerance;
        return symbols.Count == 0 ? CompareConstants(a, b, tolerance, decimals) : CompareAtRandomPoints(a, b, symbols, tolerance);
    }

    /// <summary>Whether <c>a = k·b</c> for a nonzero constant k at every sampled point (equations that are rescaled, such as planes).</summary>
    public MathEquivalence CompareProportional(MathNode a, MathNode b)
    {
        var symbols = new SortedSet<string>(StringComparer.Ordinal);
        CollectSymbols(a, symbols);
        CollectSymbols(b, symbols);
        var random = new Random(options.RandomSeed);
        Complex? ratio = null;
        for (var attempt = 0; attempt < options.SymbolicPoints * 3; attempt++)
        {
            var point = RandomPoint(symbols, random);
            var va = NumericEvaluator.Evaluate(a, point, budget);
            var vb = NumericEvaluator.Evaluate(b, point, budget);
            if (!IsFinite(va) || !IsFinite(vb) || vb.Magnitude < 1e-9) continue;
            var r = va / vb;
            if (ratio is null) ratio = r;
            else if (!Close(r, ratio.Value, options.SymbolicTolerance)) return new(false, $"not proportional at {Describe(point)}");
        }
        return ratio is { } k && k.Magnitude > 1e-12
            ? new(true, $"proportional (factor {Format(k)})")
            : new(false, "could not evaluate the equations at any point");
    }

    private MathEquivalence CompareConstants(MathNode a, MathNode b, double tolerance, bool decimals)
    {
        var va = NumericEvaluator.Evaluate(a, EmptyPoint, budget);
        var vb = NumericEvaluator.Evaluate(b, EmptyPoint, budget);
        if ((IsInfinite(va) || IsInfinite(vb)) && HasInfinity(a) && HasInfinity(b))
        {
            var same = IsInfinite(va) && IsInfinite(vb) && System.Math.Sign(va.Real) == System.Math.Sign(vb.Real) && !double.IsInfinity(va.Imaginary)
                && !double.IsInfinity(vb.Imaginary);
            return new(same, $"infinite values {Format(va)} {(same ? "==" : "!=")} {Format(vb)}");
        }
        if (!IsFinite(va) || !IsFinite(vb)) return new(false, $"value is undefined or overflows ({Format(va)} vs {Format(vb)})");
        var equal = Close(va, vb, tolerance);
        var how = decimals ? "decimal" : "numeric";
        return new(equal, $"{how} {Format(va)} {(equal ? "≈" : "!=")} {Format(vb)} (rel. tol. {tolerance:g2})");
    }

    private MathEquivalence CompareAtRandomPoints(MathNode a, MathNode b, SortedSet<string> symbols, double tolerance)
    {
        var random = new Random(options.RandomSeed);
        var tested = 0;
        for (var attempt = 0; attempt < options.SymbolicPoints * 3 && tested < options.SymbolicPoints; attempt++)
        {
            var point = RandomPoint(symbols, random);
            var va = NumericEvaluator.Evaluate(a, point, budget);
            var vb = NumericEvaluator.Evaluate(b, point, budget);
            if (!IsFinite(va) && !IsFinite(vb)) continue;
            if (!IsFinite(va) || !IsFinite(vb) || !Close(va, vb, tolerance))
                return new(false, $"differ at {Describe(point)}: {Format(va)} vs {Format(vb)}");
            tested++;
        }
        return tested == 0
            ? new(false, "could not evaluate at any point")
            : new(true, $"symbolic: equal at {tested} random points of {string.Join(",", symbols)}");
    }

    private static readonly Dictionary<string, Complex> EmptyPoint = [];

    // Variables take values in [0.5, 2.5] with random sign-free reals, so sqrt/log stay on their principal branch.
    private static Dictionary<string, Complex> RandomPoint(IEnumerable<string> symbols, Random random) =>
        symbols.ToDictionary(s => s, _ => new Complex(0.5 + 2 * random.NextDouble(), 0), StringComparer.Ordinal);

    private static bool Close(Complex x, Complex y, double relative)
    {
        var diff = (x - y).Magnitude;
        return diff <= AbsoluteTolerance || diff <= relative * System.Math.Max(x.Magnitude, y.Magnitude);
    }

    private static bool IsFinite(Complex z) => double.IsFinite(z.Real) && double.IsFinite(z.Imaginary);

    private static bool IsInfinite(Complex z) => double.IsInfinity(z.Real) && !double.IsNaN(z.Imaginary);

    private static bool HasInfinity(MathNode node) => node switch
    {
        Constant c => c.Name == "inf",
        Negate(var x) => HasInfinity(x),
        Binary(_, var l, var r) => HasInfinity(l) || HasInfinity(r),
        Function f => f.Args.Any(HasInfinity),
        _ => false,
    };

    private static bool HasDecimal(MathNode node) => node switch
    {
        Number n => n.IsDecimal,
        Negate(var x) => HasDecimal(x),
        Binary(_, var l, var r) => HasDecimal(l) || HasDecimal(r),
        Function f => f.Args.Any(HasDecimal),
        _ => false,
    };

    private static void CollectSymbols(MathNode node, ISet<string> symbols)
    {
        switch (node)
        {
            case Symbol s: symbols.Add(s.Name); break;
            case Negate(var x): CollectSymbols(x, symbols); break;
            case Binary(_, var l, var r): CollectSymbols(l, symbols); CollectSymbols(r, symbols); break;
            case Function f: foreach (var arg in f.Args) CollectSymbols(arg, symbols); break;
        }
    }

    private static string Show(Rational r) => r.BitLength > 256 ? $"<{r.BitLength}-bit rational>" : r.ToString();

    private static string Format(Complex z) =>
        z.Imaginary == 0 ? z.Real.ToString("G6", CultureInfo.InvariantCulture)
            : z.Real.ToString("G6", CultureInfo.InvariantCulture) + (z.Imaginary < 0 ? "-" : "+")
                + System.Math.Abs(z.Imaginary).ToString("G6", CultureInfo.InvariantCulture) + "i";

    private static string Describe(Dictionary<string, Complex> point) =>
        string.Join(", ", point.Select(p => $"{p.Key}={p.Value.Real.ToString("G4", CultureInfo.InvariantCulture)}"));
}
