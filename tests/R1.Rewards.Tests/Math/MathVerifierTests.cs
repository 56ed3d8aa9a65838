using R1.Rewards.Math;

namespace R1.Rewards.Tests.Math;

public class MathVerifierTests
{
    private static void Equivalent(string a, string b)
    {
        var result = MathVerifier.AreEquivalent(a, b);
        result.IsEquivalent.Should().BeTrue($"'{a}' ≡ '{b}' ({result.Diagnostic})");
        MathVerifier.AreEquivalent(b, a).IsEquivalent.Should().BeTrue("equivalence is symmetric");
        result.Diagnostic.Should().NotBeNullOrWhiteSpace();
    }

    private static void Different(string a, string b)
    {
        var result = MathVerifier.AreEquivalent(a, b);
        result.IsEquivalent.Should().BeFalse($"'{a}' ≢ '{b}' ({result.Diagnostic})");
        MathVerifier.AreEquivalent(b, a).IsEquivalent.Should().BeFalse("equivalence is symmetric");
        result.Diagnostic.Should().NotBeNullOrWhiteSpace();
    }

    [TestCase("42", "42.0")]
    [TestCase("-7", "-7")]
    [TestCase("\\frac{6}{8}", "\\frac34")]
    [TestCase("\\frac12", "0.5")]
    [TestCase("\\dfrac{1}{2}", "\\tfrac{2}{4}")]
    [TestCase("\\frac{1}{2}+\\frac{1}{3}", "\\frac{5}{6}")]
    [TestCase("15\\frac{39}{40}", "\\frac{639}{40}")]
    [TestCase("-1\\frac{1}{2}", "-1.5")]
    [TestCase("2(\\frac{1}{2})", "1")]
    [TestCase("2\\frac{5}{3}", "\\frac{10}{3}")]
    [TestCase("2^{10}", "1024")]
    [TestCase("2^10", "1024")]
    [TestCase("10^{-3}", "0.001")]
    [TestCase("1.5\\times 10^{3}", "1500")]
    [TestCase("5!", "120")]
    public void Integers_fractions_and_decimals_are_compared_exactly(string a, string b) => Equivalent(a, b);

    [TestCase("\\frac12", "0.51")]
    [TestCase("\\frac13", "0.333")]
    [TestCase(".0000672", "0.0000673")]
    [TestCase("1024", "1025")]
    [TestCase("\\frac{2}{3}", "\\frac{3}{2}")]
    public void Different_numbers_differ(string a, string b) => Different(a, b);

    [TestCase("\\sqrt{8}", "2\\sqrt2")]
    [TestCase("\\sqrt{12}", "2\\sqrt{3}")]
    [TestCase("\\frac{\\sqrt{3}}{3}", "\\frac{1}{\\sqrt{3}}")]
    [TestCase("\\sqrt[3]{-8}", "-2")]
    [TestCase("\\sqrt{\\frac{4}{9}}", "\\frac23")]
    [TestCase("2\\pi", "\\pi+\\pi")]
    public void Radicals_and_constants(string a, string b) => Equivalent(a, b);

    [TestCase("\\sqrt{8}", "3\\sqrt2")]
    [TestCase("\\pi", "3.14")]
    [TestCase("\\sqrt{2}", "1.414")]
    public void Different_radicals_and_rounded_constants_differ(string a, string b) => Different(a, b);

    [TestCase("(x+1)^2", "x^2+2x+1")]
    [TestCase("x(y+1)", "xy+x")]
    [TestCase("(a+5)(b+2)", "ab+2a+5b+10")]
    [TestCase("\\frac{x^2-1}{x-1}", "x+1")]
    [TestCase("\\sin^2 x+\\cos^2 x", "1")]
    [TestCase("2\\sqrt{3}x", "x\\sqrt{12}")]
    [TestCase("\\frac{11+9a}{20}", "\\frac{11}{20}+\\frac{9a}{20}")]
    [TestCase("e^{i\\pi}", "-1")]
    [TestCase("\\ln(e^2)", "2")]
    [TestCase("\\log_2 8", "3")]
    public void Expressions_are_compared_symbolically(string a, string b) => Equivalent(a, b);

    [TestCase("(x+1)^2", "x^2+1")]
    [TestCase("2k", "2k+2")]
    [TestCase("p-q", "q-p")]
    [TestCase("x^2", "2x")]
    public void Different_expressions_differ(string a, string b) => Different(a, b);

    [TestCase("(1,2)", "\\left( 1, 2 \\right)")]
    [TestCase("\\left( 3, \\frac{\\pi}{2} \\right)", "(3,\\frac{\\pi}2)")]
    [TestCase("(1,-16,-4,43)", "(1, -16, -4, 43)")]
    [TestCase("(\\frac12, 2)", "(0.5, \\sqrt{4})")]
    public void Tuples_compare_item_by_item(string a, string b) => Equivalent(a, b);

    [TestCase("(1,2)", "(2,1)")]
    [TestCase("(1,2,3)", "(1,2)")]
    [TestCase("(1,2)", "\\{1,2\\}")]
    public void Tuples_are_order_sensitive(string a, string b) => Different(a, b);

    [TestCase("[1,2)", "\\left[1, 2\\right)")]
    [TestCase("(-\\infty, 0]", "\\left(-\\infty,0\\right]")]
    [TestCase("(-\\infty, 2) \\cup (3, \\infty)", "(3,\\infty)\\cup(-\\infty,2)")]
    [TestCase("x \\in [-2,7]", "[-2,7]")]
    public void Intervals_and_unions(string a, string b) => Equivalent(a, b);

    [TestCase("x > 3", "(3,\\infty)")]
    [TestCase("3 < x", "x>3")]
    [TestCase("x \\le -2", "(-\\infty,-2]")]
    [TestCase("1 < x \\leq 4", "(1,4]")]
    [TestCase("x \\in \\mathbb{R}", "(-\\infty, \\infty)")]
    public void Inequalities_in_one_variable_are_intervals(string a, string b) => Equivalent(a, b);

    [TestCase("x \\geq 3", "(3,\\infty)")]
    [TestCase("x < 3", "x > 3")]
    [TestCase("(1,2)", "[1,2]")]
    [TestCase("(1,2]", "(1,2)")]
    [TestCase("[1,2)", "(1,2]")]
    [TestCase("(-\\infty,2)", "(2,\\infty)")]
    [TestCase("(0,9)\\cup(9,36)", "(0,36)")]
    public void Open_and_closed_ends_differ(string a, string b) => Different(a, b);

    [TestCase("\\{1,2,3\\}", "\\{3,1,2\\}")]
    [TestCase("1,-2", "-2,1")]
    [TestCase("3, 5, 7", "7,3,5")]
    [TestCase("1\\pm\\sqrt{19}", "1-\\sqrt{19},1+\\sqrt{19}")]
    [TestCase("\\{1\\pm\\sqrt{5},-2\\}", "-2, 1+\\sqrt5, 1-\\sqrt5")]
    [TestCase("2 \\text{ and } 3", "3, 2")]
    public void Sets_ignore_order(string a, string b) => Equivalent(a, b);

    [TestCase("\\{1,2\\}", "\\{1,3\\}")]
    [TestCase("\\{1,2,3\\}", "\\{1,2\\}")]
    [TestCase("1\\pm\\sqrt{19}", "1+\\sqrt{19}")]
    public void Different_sets_differ(string a, string b) => Different(a, b);

    [TestCase("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "\\begin{bmatrix}1&2\\\\3&\\frac{8}{2}\\end{bmatrix}")]
    [TestCase("\\begin{pmatrix} -1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix}", "\\begin{pmatrix}-\\frac13\\\\\\frac23\\\\\\frac53\\end{pmatrix}")]
    [TestCase("\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}", "(1,2)")]
    public void Matrices_compare_cell_by_cell(string a, string b) => Equivalent(a, b);

    [TestCase("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "\\begin{pmatrix} 1 & 3 \\\\ 2 & 4 \\end{pmatrix}")]
    [TestCase("\\begin{pmatrix} 1 & 2 \\end{pmatrix}", "\\begin{pmatrix} 1 \\\\ 2 \\\\ 3 \\end{pmatrix}")]
    public void Different_matrices_differ(string a, string b) => Different(a, b);

    [TestCase("y=2x+1", "2x+1")]
    [TestCase("y = 2x + 3", "y=3+2x")]
    [TestCase("x=5", "5")]
    [TestCase("5x - 7y + 11z + 4 = 0", "10x-14y+22z+8=0")]
    [TestCase("2x+4y=6", "x+2y=3")]
    public void Equations_against_expressions_and_rescaled_equations(string a, string b) => Equivalent(a, b);

    [TestCase("y=2x+1", "2x+2")]
    [TestCase("y=2x+1", "y=2x-1")]
    [TestCase("x+2y=3", "x+2y=4")]
    public void Different_equations_differ(string a, string b) => Different(a, b);

    [TestCase("3+4i", "4i+3")]
    [TestCase("-2 + 7i", "7i-2")]
    [TestCase("(1+i)^2", "2i")]
    [TestCase("\\frac{1}{i}", "-i")]
    public void Complex_numbers(string a, string b) => Equivalent(a, b);

    [TestCase("3+4i", "3-4i")]
    [TestCase("3+4i", "5")]
    public void Different_complex_numbers_differ(string a, string b) => Different(a, b);

    [TestCase("(C)", "\\text{C}")]
    [TestCase("\\text{(C)}", "C")]
    [TestCase("\\textbf{(B)}", "(B)")]
    [TestCase("\\text{Evelyn}", "evelyn")]
    [TestCase("\\text{east}", "East")]
    public void Multiple_choice_letters_and_words(string a, string b) => Equivalent(a, b);

    [TestCase("(C)", "(D)")]
    [TestCase("\\text{Evelyn}", "\\text{Navin}")]
    [TestCase("\\text{even}", "\\text{odd}")]
    public void Different_choices_and_words_differ(string a, string b) => Different(a, b);

    [TestCase("50\\%", "50")]
    [TestCase("1,000", "1000")]
    [TestCase("10,\\!080", "10080")]
    [TestCase("11,\\! 111,\\! 111,\\! 100", "11111111100")]
    [TestCase("\\$32,\\!348", "32348")]
    [TestCase("90^\\circ", "90")]
    [TestCase("90^{\\circ}", "90°")]
    [TestCase("5.4 \\text{ cents}", "5.4")]
    [TestCase("15\\mbox{ cm}^2", "15")]
    [TestCase("\\frac{270}7\\text{ degrees}", "\\frac{270}{7}")]
    [TestCase("$\\left(\\frac{3}{5},\\frac{8}{3}\\right]$", "(0.6, \\frac83]")]
    [TestCase("\\displaystyle 7.", "7")]
    [TestCase("\\boxed{12}", "12")]
    [TestCase("\\approx 3.5", "3.5")]
    [TestCase("18 dollars", "18")]
    public void Latex_is_normalised(string a, string b) => Equivalent(a, b);

    [TestCase("50\\%", "5")]
    [TestCase("1,000", "100")]
    [TestCase("15\\mbox{ cm}^2", "225")]
    public void Normalisation_does_not_merge_different_values(string a, string b) => Different(a, b);

    [Test]
    public void Normaliser_rewrites_shorthand_and_drops_decoration()
    {
        LatexNormalizer.Normalize("\\frac12").Should().Be("\\frac{1}{2}");
        LatexNormalizer.Normalize("\\dfrac 34").Should().Be("\\frac{3}{4}");
        LatexNormalizer.Normalize("\\frac9{19}").Should().Be("\\frac{9}{19}");
        LatexNormalizer.Normalize("11\\sqrt2").Should().Be("11\\sqrt{2}");
        LatexNormalizer.Normalize("\\left( 3, 4 \\right]").Should().Be("(3,4]");
        LatexNormalizer.Normalize("$1,000$.").Should().Be("1000");
        LatexNormalizer.Normalize("\\cot x").Should().Be("\\cot x");
    }

    [Test]
    public void Unparseable_answers_are_not_equivalent_and_say_why()
    {
        var result = MathVerifier.AreEquivalent("\\frac{1}{", "1");
        result.IsEquivalent.Should().BeFalse();
        result.Diagnostic.Should().Contain("could not parse");
    }

    [Test]
    public void A_cancelled_check_throws_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var act = () => MathVerifier.AreEquivalent("(x+1)^2", "x^2+2x+1", null, cts.Token);
        act.Should().Throw<OperationCanceledException>();
    }

    [Test]
    public void Options_control_the_decimal_tolerance()
    {
        var loose = new MathAccuracyOptions { DecimalTolerance = 1e-2 };
        MathVerifier.AreEquivalent("0.333", "\\frac13", loose).IsEquivalent.Should().BeTrue();
        MathVerifier.AreEquivalent("0.333", "\\frac13").IsEquivalent.Should().BeFalse();
    }
}
