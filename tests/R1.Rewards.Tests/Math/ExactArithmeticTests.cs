using System.Numerics;
using R1.Rewards.Math;

namespace R1.Rewards.Tests.Math;

public class ExactArithmeticTests
{
    [Test]
    public void Rational_reduces_and_parses_decimals_exactly()
    {
        new Rational(6, -8).Should().Be(new Rational(-3, 4));
        Rational.TryParseDecimal(".35625", out var d).Should().BeTrue();
        d.Should().Be(new Rational(57, 160));
        Rational.TryParseDecimal("1e5", out _).Should().BeFalse();
        (new Rational(1, 3) + new Rational(1, 6)).Should().Be(new Rational(1, 2));
        new Rational(BigInteger.Pow(10, 30) + 1, BigInteger.Pow(10, 30)).ToDouble().Should().BeApproximately(1.0, 1e-15);
    }

    [Test]
    public void Rational_powers_refuse_results_beyond_the_bit_limit()
    {
        new Rational(2, 3).TryPow(-3, 4096, out var p).Should().BeTrue();
        p.Should().Be(new Rational(27, 8));
        new Rational(10, 1).TryPow(BigInteger.Pow(10, 10), 4096, out _).Should().BeFalse();
        new Rational(-1, 1).TryPow(BigInteger.Pow(10, 10) + 1, 4096, out var unit).Should().BeTrue("±1 to any power is cheap");
        unit.Should().Be(new Rational(-1, 1));
    }

    [TestCase("\\sqrt{8}", "2\\sqrt2")]
    [TestCase("\\frac{1}{1+\\sqrt2}", "\\sqrt2-1")]
    [TestCase("(1+\\sqrt{2})^2", "3+2\\sqrt2")]
    [TestCase("\\sqrt{\\frac{3}{4}}", "\\frac{\\sqrt3}{2}")]
    [TestCase("\\sqrt{6}", "\\sqrt2\\sqrt3")]
    [TestCase("8^{1/2}", "2\\sqrt{2}")]
    public void Radicals_are_compared_exactly(string a, string b)
    {
        var result = MathVerifier.AreEquivalent(a, b);
        result.IsEquivalent.Should().BeTrue(result.Diagnostic);
        result.Diagnostic.Should().StartWith("exact");
    }

    [Test]
    public void Exact_radicals_distinguish_values_closer_than_any_float_tolerance()
    {
        var result = MathVerifier.AreEquivalent("\\sqrt{100000001}", "10000+\\frac{1}{20000}");
        result.IsEquivalent.Should().BeFalse();
        result.Diagnostic.Should().StartWith("exact radicals");
    }

    [Test]
    public void Radical_sums_normalise_square_factors()
    {
        RadicalSum.Sqrt(new Rational(72, 1))!.ToString().Should().Be("6·√2");
        RadicalSum.Sqrt(new Rational(9, 4))!.AsRational.Should().Be(new Rational(3, 2));
        RadicalSum.Sqrt(new Rational(-1, 1)).Should().BeNull();
    }
}
