using R1.Rewards.Abstractions;
using R1.Rewards.Math;

namespace R1.Rewards.Tests.Math;

/// <summary>
/// Thousands separators and other spellings real model outputs use. Each form must equal the plain value (positive), must not
/// equal a nearby wrong value (negative), and ambiguous forms (tuples, intervals, sets, lists, decimal commas, spaced digits)
/// must not be merged into one number (hostile): a policy should not earn a reward by writing digits apart.
/// </summary>
public class SeparatorAndSpellingTests
{
    private static void Equivalent(string a, string b)
    {
        var result = MathVerifier.AreEquivalent(a, b);
        result.IsEquivalent.Should().BeTrue($"'{a}' ≡ '{b}' ({result.Diagnostic})");
        MathVerifier.AreEquivalent(b, a).IsEquivalent.Should().BeTrue("equivalence is symmetric");
    }

    private static void Different(string a, string b)
    {
        var result = MathVerifier.AreEquivalent(a, b);
        result.IsEquivalent.Should().BeFalse($"'{a}' ≢ '{b}' ({result.Diagnostic})");
        MathVerifier.AreEquivalent(b, a).IsEquivalent.Should().BeFalse("equivalence is symmetric");
        result.Diagnostic.Should().NotBeNullOrWhiteSpace();
    }

    [TestCase("1,000", "1000")]
    [TestCase("1{,}000", "1000")]
    [TestCase("1\\,000", "1000")]
    [TestCase("1\\ 000", "1000")]
    [TestCase("1~000", "1000")]
    [TestCase("1 000", "1000")]
    [TestCase("1,\\!000", "1000")]
    [TestCase("11,\\! 111,\\! 100", "11111100")]
    [TestCase("1,000,000", "1000000")]
    [TestCase("1{,}000{,}000", "1000000")]
    [TestCase("1\\,000\\,000", "1000000")]
    [TestCase("1.000.000", "1000000")]
    [TestCase("1.000.000,5", "1000000.5")]
    [TestCase("12,345.67", "12345.67")]
    [TestCase("-1,000", "-1000")]
    [TestCase("\\$1,000", "1000")]
    [TestCase("$1{,}000$", "1000")]
    [TestCase("1,000\\text{ dollars}", "1000")]
    [TestCase("1,000 dollars", "1000")]
    [TestCase("1,000^\\circ", "1000")]
    [TestCase("1{,}000\\%", "1000")]
    [TestCase("\\frac{1{,}000}{2}", "500")]
    [TestCase("\\frac{1\\,000}{4}", "250")]
    [TestCase("(1{,}000, 2{,}000)", "(1000,2000)")]
    [TestCase("10^{3}", "1,000")]
    public void Thousands_separators_equal_the_plain_value(string a, string b) => Equivalent(a, b);

    [TestCase("1,000", "100")]
    [TestCase("1,000", "1")]
    [TestCase("1{,}000", "1")]
    [TestCase("1{,}000", "1001")]
    [TestCase("1\\,000", "1")]
    [TestCase("1\\ 000", "1001")]
    [TestCase("1.000.000", "1000")]
    [TestCase("1.000.000,5", "1000.5")]
    [TestCase("12,345.67", "12346.67")]
    public void Thousands_separators_do_not_equal_a_wrong_value(string a, string b) => Different(a, b);

    [TestCase("1.000", "1000", Description = "one dot group is a decimal")]
    [TestCase("1.500", "1500", Description = "one dot group is a decimal")]
    [TestCase("(1,000)", "1000", Description = "a tuple")]
    [TestCase("[1,000]", "1000", Description = "an interval")]
    [TestCase("\\{1,000\\}", "1000", Description = "a set")]
    [TestCase("100, 200, 300", "100200300", Description = "a list written with spaces")]
    [TestCase("1, 2, 3", "123", Description = "a list")]
    [TestCase("1, 000", "1000", Description = "a list written with a space")]
    [TestCase("1 2 3", "123", Description = "digits apart are not one number")]
    [TestCase("1 2", "12", Description = "digits apart are not one number")]
    [TestCase("1 2", "2", Description = "nor a product")]
    [TestCase("12 34", "1234", Description = "groups of two are not thousands")]
    [TestCase("1234 567", "1234567", Description = "the first group has more than three digits")]
    [TestCase("1,5", "1.5", Description = "a decimal comma is not read")]
    [TestCase("1,5", "15", Description = "nor merged")]
    [TestCase("1{,}5", "1.5", Description = "a braced decimal comma is not read")]
    [TestCase("1{,}5", "15", Description = "nor merged")]
    [TestCase("1,0000", "10000", Description = "a group of four digits")]
    [TestCase("1,\\!0000", "10000", Description = "a group of four digits")]
    [TestCase("1{,}0000", "10000", Description = "a group of four digits")]
    [TestCase("12,34", "1234", Description = "a group of two digits")]
    [TestCase("1.234,5", "1234.5", Description = "one dot group with a comma could be a list")]
    [TestCase("1.2.3", "123", Description = "not a number")]
    [TestCase("1.2.3", "0.6", Description = "nor a product of 1.2 and .3")]
    [TestCase("1.000.000", "0", Description = "not 1.000 times .000")]
    public void Ambiguous_forms_are_not_merged(string a, string b) => Different(a, b);

    [Test]
    public void A_tuple_with_a_comma_stays_a_tuple_and_a_spaced_list_stays_a_list()
    {
        Equivalent("(1,000)", "(1, 0)");
        Equivalent("100, 200, 300", "\\{300, 200, 100\\}");
        Different("(1,000)", "(1000)");
    }

    [TestCase("\\dfrac{3}{4}", "0.75")]
    [TestCase("\\tfrac34", "\\frac{3}{4}")]
    [TestCase("\\dfrac{1{,}000}{3}", "\\frac{1000}{3}")]
    [TestCase("45^\\circ", "45")]
    [TestCase("45^{\\circ}", "45")]
    [TestCase("45°", "45")]
    [TestCase("12.5\\%", "12.5")]
    [TestCase("7\\text{ cm}^2", "7")]
    [TestCase("7 \\text{cm}", "7")]
    [TestCase("\\left( 1, 2 \\right)", "(1,2)")]
    [TestCase("\\left[ 0, 1 \\right)", "[0,1)")]
    [TestCase("\\left| -3 \\right|", "3")]
    public void Other_spellings_equal_the_plain_value(string a, string b) => Equivalent(a, b);

    [TestCase("\\dfrac{3}{4}", "0.7")]
    [TestCase("\\tfrac34", "\\frac{4}{3}")]
    [TestCase("45^\\circ", "4.5")]
    [TestCase("12.5\\%", "125")]
    [TestCase("7\\text{ cm}^2", "49")]
    [TestCase("\\left( 1, 2 \\right)", "(2,1)")]
    [TestCase("\\left[ 0, 1 \\right)", "[0,1]")]
    public void Other_spellings_do_not_equal_a_wrong_value(string a, string b) => Different(a, b);

    [Test]
    public void Normaliser_writes_the_plain_number()
    {
        LatexNormalizer.Normalize("1{,}000{,}000").Should().Be("1000000");
        LatexNormalizer.Normalize("1\\,000").Should().Be("1000");
        LatexNormalizer.Normalize("1.000.000,25").Should().Be("1000000.25");
        LatexNormalizer.Normalize("100, 200, 300").Should().Be("100,200,300");
        LatexNormalizer.Normalize("1 2").Should().Be("1 2");
        LatexNormalizer.Normalize("1.000").Should().Be("1.000");
    }

    [TestCase("<think>4*5=20 3+20=23</think><answer>23</answer>", 1)]
    [TestCase("<think>4*5=20 3+20=23</think><answer> 23 </answer>", 1)]
    [TestCase("<think>4*5=20 3+20=23</think><answer>23.</answer>", 1)]
    [TestCase("<think>4*5=20 3+20=23</think><answer>\\boxed{23}</answer>", 1)]
    [TestCase("<think>4*5=20 3+20=23</think><answer>22</answer>", 0)]
    [TestCase("<think>4*5=20 3+20=23</think><answer>230</answer>", 0)]
    [TestCase("<think>4*5=20 3+20=23</think><answer>2 3</answer>", 0)]
    [TestCase("<think>4*5=20 3+20=23</think><answer>2,3</answer>", 0)]
    public void Plain_integer_answers_grade_as_before(string completion, double expected)
    {
        var score = new MathAccuracyReward().Score(new RewardSample { Prompt = "q", Completion = completion, Answer = "23" });
        score.Value.Should().Be(expected, score.Diagnostic);
    }
}
