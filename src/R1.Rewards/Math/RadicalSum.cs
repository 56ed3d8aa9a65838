using System.Numerics;
using System.Text;

namespace R1.Rewards.Math;

/// <summary>
/// An exact sum of rational multiples of square roots of distinct square-free integers, such as <c>1 + 2\sqrt{3}</c>.
/// Square roots of distinct square-free integers are linearly independent over the rationals, so two sums are equal
/// exactly when their terms are equal: <c>\sqrt{8}</c> and <c>2\sqrt2</c> are both <c>2·√2</c>.
/// </summary>
internal sealed class RadicalSum : IEquatable<RadicalSum>
{
    /// <summary>The most terms a sum may have (products multiply term counts).</summary>
    public const int MaxTerms = 32;

    private const long MaxRadicand = 1L << 32; // trial division stays below 65,536 steps

    private readonly SortedDictionary<BigInteger, Rational> _terms; // radicand -> coefficient, no zero coefficients

    private RadicalSum(SortedDictionary<BigInteger, Rational> terms) => _terms = terms;

    /// <summary>A rational number as a sum (radicand 1).</summary>
    public static RadicalSum Of(Rational value)
    {
        var terms = new SortedDictionary<BigInteger, Rational>();
        if (!value.IsZero) terms[BigInteger.One] = value;
        return new RadicalSum(terms);
    }

    /// <summary>The number of terms.</summary>
    public int TermCount => _terms.Count;

    /// <summary>The rational value when there is no radical part.</summary>
    public Rational? AsRational => _terms.Count == 0 ? Rational.Zero : _terms.Count == 1 && _terms.ContainsKey(BigInteger.One)
        ? _terms[BigInteger.One] : null;

    /// <summary>√<paramref name="value"/> for a non-negative rational with a radicand small enough to factor; otherwise
    /// <see langword="null"/>.</summary>
    public static RadicalSum? Sqrt(Rational value)
    {
        if (value.Sign < 0) return null;
        var product = value.Numerator * value.Denominator; // √(p/q) = √(p·q) / q
        if (product > MaxRadicand) return null;
        var (square, squareFree) = SplitSquare((long)product);
        var terms = new SortedDictionary<BigInteger, Rational>();
        if (!product.IsZero) terms[squareFree] = new Rational(square, value.Denominator);
        return new RadicalSum(terms);
    }

    /// <summary>Sum.</summary>
    public RadicalSum Add(RadicalSum other, int sign = 1)
    {
        var terms = new SortedDictionary<BigInteger, Rational>(_terms);
        foreach (var (radicand, coefficient) in other._terms)
        {
            var sum = (terms.TryGetValue(radicand, out var c) ? c : Rational.Zero) + (sign > 0 ? coefficient : -coefficient);
            if (sum.IsZero) terms.Remove(radicand); else terms[radicand] = sum;
        }
        return new RadicalSum(terms);
    }

    /// <summary>Product, or <see langword="null"/> when it would exceed <see cref="MaxTerms"/> terms.</summary>
    public RadicalSum? Multiply(RadicalSum other)
    {
        if ((long)TermCount * other.TermCount > MaxTerms * 4) return null;
        var result = Of(Rational.Zero);
        foreach (var (r1, c1) in _terms)
        foreach (var (r2, c2) in other._terms)
        {
            // √r1·√r2 = g·√(r1/g · r2/g) with g = gcd(r1, r2); the remaining product is square-free.
            var g = BigInteger.GreatestCommonDivisor(r1, r2);
            var terms = new SortedDictionary<BigInteger, Rational> { [r1 / g * (r2 / g)] = c1 * c2 * g };
            result = result.Add(new RadicalSum(terms));
        }
        return result.TermCount > MaxTerms ? null : result;
    }

    /// <summary>
    /// Quotient, when the divisor has one term or the form <c>a + b√r</c> (rationalised with its conjugate); otherwise <see langword="null"/>.
    /// </summary>
    public RadicalSum? Divide(RadicalSum divisor)
    {
        if (divisor.TermCount == 0) return null;
        if (divisor.TermCount == 1)
        {
            var (r, c) = divisor._terms.First(); // 1/(c√r) = √r/(c·r)
            return Multiply(new RadicalSum(new SortedDictionary<BigInteger, Rational> { [r] = Rational.One / (c * r) }));
        }
        if (divisor.TermCount == 2 && divisor._terms.ContainsKey(BigInteger.One))
        {
            var rationalPart = Of(divisor._terms[BigInteger.One]);
            var conjugate = rationalPart.Add(divisor.Add(rationalPart, -1), -1); // a + b√r -> a - b√r
            var norm = divisor.Multiply(conjugate)?.AsRational;
            return norm is { IsZero: false } n ? Multiply(conjugate)?.Multiply(Of(Rational.One / n)) : null;
        }
        return null;
    }

    /// <summary>An approximate value, for diagnostics.</summary>
    public double ToDouble() => _terms.Sum(t => t.Value.ToDouble() * System.Math.Sqrt((double)t.Key));

    private static (long Square, long SquareFree) SplitSquare(long n)
    {
        long square = 1, free = 1;
        for (long p = 2; p * p <= n; p++)
        {
            var count = 0;
            while (n % p == 0) { n /= p; count++; }
            for (var k = 0; k < count / 2; k++) square *= p;
            if (count % 2 == 1) free *= p;
        }
        return (square, free * n);
    }

    /// <inheritdoc />
    public bool Equals(RadicalSum? other) => other is not null && _terms.Count == other._terms.Count &&
        _terms.All(t => other._terms.TryGetValue(t.Key, out var c) && c == t.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RadicalSum);

    /// <inheritdoc />
    public override int GetHashCode() => _terms.Aggregate(0, (h, t) => HashCode.Combine(h, t.Key, t.Value));

    /// <inheritdoc />
    public override string ToString()
    {
        if (_terms.Count == 0) return "0";
        var sb = new StringBuilder();
        foreach (var (radicand, coefficient) in _terms)
        {
            if (sb.Length > 0) sb.Append(" + ");
            sb.Append(radicand.IsOne ? coefficient.ToString() : $"{coefficient}·√{radicand}");
        }
        return sb.ToString();
    }
}
