using System.Globalization;
using System.Numerics;

namespace R1.Rewards.Math;

/// <summary>
/// An exact rational number p/q over <see cref="BigInteger"/>, always reduced with a positive denominator.
/// Used to compare integers, fractions and decimals without rounding.
/// </summary>
internal readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    /// <summary>Creates <paramref name="numerator"/>/<paramref name="denominator"/>, reduced.</summary>
    /// <exception cref="DivideByZeroException">The denominator is zero.</exception>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("A rational number cannot have a zero denominator.");
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero) { numerator /= gcd; denominator /= gcd; }
        Numerator = numerator;
        _denominator = numerator.IsZero ? BigInteger.One : denominator;
    }

    private readonly BigInteger _denominator;

    /// <summary>The numerator (carries the sign).</summary>
    public BigInteger Numerator { get; }

    /// <summary>The denominator (positive; 1 for integers).</summary>
    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    /// <summary>Zero.</summary>
    public static Rational Zero => new(BigInteger.Zero, BigInteger.One);

    /// <summary>One.</summary>
    public static Rational One => new(BigInteger.One, BigInteger.One);

    /// <summary>Whether the value is an integer.</summary>
    public bool IsInteger => Denominator.IsOne;

    /// <summary>Whether the value is zero.</summary>
    public bool IsZero => Numerator.IsZero;

    /// <summary>The sign: -1, 0 or 1.</summary>
    public int Sign => Numerator.Sign;

    /// <summary>The approximate size in bits of numerator plus denominator (for size limits).</summary>
    public long BitLength => (long)Numerator.GetBitLength() + (long)Denominator.GetBitLength();

    /// <summary>An integer as a rational.</summary>
    public static implicit operator Rational(BigInteger value) => new(value, BigInteger.One);

    /// <summary>An integer as a rational.</summary>
    public static implicit operator Rational(long value) => new(value, BigInteger.One);

    /// <summary>Sum.</summary>
    public static Rational operator +(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    /// <summary>Difference.</summary>
    public static Rational operator -(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    /// <summary>Negation.</summary>
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    /// <summary>Product.</summary>
    public static Rational operator *(Rational a, Rational b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    /// <summary>Quotient.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="b"/> is zero.</exception>
    public static Rational operator /(Rational a, Rational b) =>
        b.IsZero ? throw new DivideByZeroException("Division by zero.") : new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>Equality.</summary>
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    /// <summary>
    /// Raises to an integer power, or returns <see langword="false"/> when the result would exceed
    /// <paramref name="maxBits"/> bits (so <c>10^{10^{10}}</c> is refused instead of computed).
    /// </summary>
    public bool TryPow(BigInteger exponent, long maxBits, out Rational result)
    {
        result = Zero;
        if (exponent.IsZero) { result = One; return true; }
        if (IsZero) { if (exponent.Sign < 0) return false; result = Zero; return true; }
        var magnitude = BigInteger.Abs(exponent);
        bool unit = BigInteger.Abs(Numerator).IsOne && Denominator.IsOne;
        if (!unit && (magnitude > maxBits || (long)magnitude * System.Math.Max(1, BitLength) > maxBits)) return false;
        int e = unit ? (magnitude.IsEven ? 2 : 1) : (int)magnitude;
        var num = BigInteger.Pow(Numerator, e);
        var den = BigInteger.Pow(Denominator, e);
        result = exponent.Sign > 0 ? new Rational(num, den) : new Rational(den, num);
        return true;
    }

    /// <summary>The exact square root when numerator and denominator are perfect squares.</summary>
    public bool TrySqrt(out Rational root)
    {
        root = Zero;
        if (Sign < 0) return false;
        if (!TryIntegerSqrt(Numerator, out var n) || !TryIntegerSqrt(Denominator, out var d)) return false;
        root = new Rational(n, d);
        return true;
    }

    private static bool TryIntegerSqrt(BigInteger value, out BigInteger root)
    {
        root = value.IsZero ? BigInteger.Zero : (BigInteger)System.Math.Sqrt((double)value);
        if (value.GetBitLength() > 100)
        {
            // Newton iteration for large values: doubles lose the low digits.
            var x = value;
            var y = (x + 1) / 2;
            while (y < x) { x = y; y = (x + value / x) / 2; }
            root = x;
        }
        for (var candidate = BigInteger.Max(root - 1, 0); candidate <= root + 1; candidate++)
            if (candidate * candidate == value) { root = candidate; return true; }
        return false;
    }

    /// <summary>The nearest double (may be infinite for huge values).</summary>
    public double ToDouble()
    {
        if (IsInteger) return (double)Numerator;
        var shift = (int)System.Math.Max(0, (long)Denominator.GetBitLength() - (long)Numerator.GetBitLength() + 64);
        if (shift > 2000 || Numerator.GetBitLength() > 2000 || Denominator.GetBitLength() > 2000)
            return System.Math.Exp(BigInteger.Log(BigInteger.Abs(Numerator)) - BigInteger.Log(Denominator)) * Sign;
        return (double)((Numerator << shift) / Denominator) / System.Math.Pow(2, shift);
    }

    /// <summary>Parses a plain decimal such as <c>12</c>, <c>-0.75</c> or <c>.5</c> exactly.</summary>
    public static bool TryParseDecimal(string text, out Rational value)
    {
        value = Zero;
        if (string.IsNullOrEmpty(text) || text.Length > 400) return false;
        var negative = text[0] == '-';
        var digits = negative || text[0] == '+' ? text[1..] : text;
        var dot = digits.IndexOf('.');
        var whole = dot < 0 ? digits : digits[..dot];
        var fraction = dot < 0 ? "" : digits[(dot + 1)..];
        if (whole.Length + fraction.Length == 0 || !(whole + fraction).All(char.IsAsciiDigit)) return false;
        var numerator = BigInteger.Parse("0" + whole + fraction, CultureInfo.InvariantCulture);
        value = new Rational(negative ? -numerator : numerator, BigInteger.Pow(10, fraction.Length));
        return true;
    }

    /// <inheritdoc />
    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <inheritdoc />
    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <inheritdoc />
    public override string ToString() =>
        IsInteger ? Numerator.ToString(CultureInfo.InvariantCulture)
            : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
