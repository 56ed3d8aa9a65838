using R1.Rewards.Readability;
using static R1.Rewards.Tests.Readability.ReadabilitySamples;

namespace R1.Rewards.Tests.Readability;

public class MixedLanguageFilterTests
{
    private static readonly MixedLanguageFilter Filter = new();

    private const string Korean = "먼저 양쪽에 같은 수를 더합니다. 그러면 식이 간단해지고 답을 쉽게 구할 수 있습니다. 따라서 결과를 확인합니다.";
    private const string English = "First we add the same number to both sides. Then the equation becomes simple and we can read off the answer.";
    private const string Chinese = "首先我们在两边加上同一个数，然后方程变得简单，我们就能得到答案。";
    private const string Japanese = "まず両辺に同じ数を足します。すると式が簡単になり、答えがすぐにわかります。";

    [Test]
    public void Pure_korean_with_target_ko_passes()
    {
        var verdict = Filter.Check(Cot(Korean, "ko"));

        verdict.Passed.Should().BeTrue(verdict.Reason);
        verdict.Reason.Should().StartWith("language consistency 1:");
    }

    [Test]
    public void Korean_mixed_with_english_fails_for_target_ko()
    {
        var verdict = Filter.Check(Cot(Korean + " Wait, let me double check this step carefully. " + Korean, "ko"));

        verdict.Passed.Should().BeFalse();
        verdict.Reason.Should().Contain("below 0.95").And.Contain("words in ko (sample)").And.Contain("Latin");
    }

    [Test]
    public void Pure_english_passes_and_english_with_a_korean_sentence_fails()
    {
        Filter.Check(Cot(English, "en")).Passed.Should().BeTrue();
        Filter.Check(Cot(English + " 그러면 답을 확인합니다.", "en")).Passed.Should().BeFalse();
    }

    [Test]
    public void Chinese_counts_han_per_character_and_an_english_clause_makes_it_mixed()
    {
        var pure = Filter.Check(Cot(Chinese, "zh"));
        var mixed = Filter.Check(Cot(Chinese + " so the answer should be correct, let me verify it once more", "zh"));

        pure.Passed.Should().BeTrue(pure.Reason);
        pure.Reason.Should().Contain("Han 29");
        mixed.Passed.Should().BeFalse();
        mixed.Reason.Should().Contain("Latin 12");
    }

    [Test]
    public void Japanese_counts_kana_and_kanji_as_japanese()
    {
        Filter.Check(Cot(Japanese, "ja")).Passed.Should().BeTrue();
        Filter.Check(Cot(Japanese)).Reason.Should().Contain("in ja (dominant)", "kana among the Han characters say Japanese");
        Filter.Check(Cot(Japanese + " Let me think about this in English for a while now.", "ja")).Passed.Should().BeFalse();
    }

    [Test]
    public void Without_a_target_the_dominant_language_decides()
    {
        var pureKorean = Filter.Check(Cot(Korean));
        var mixed = Filter.Check(Cot(English + " " + Korean));

        pureKorean.Passed.Should().BeTrue();
        pureKorean.Reason.Should().Contain("in ko (dominant)");
        mixed.Passed.Should().BeFalse(mixed.Reason);
    }

    [Test]
    public void The_default_language_applies_when_the_sample_has_none()
    {
        var filter = new MixedLanguageFilter(new MixedLanguageFilterOptions { DefaultLanguage = "ko" });

        filter.Check(Cot(English)).Passed.Should().BeFalse("English is not Korean");
        filter.Check(Cot(English, "en")).Passed.Should().BeTrue("the sample's own language wins");
    }

    [Test]
    public void Math_and_numbers_are_neutral()
    {
        var verdict = Filter.Check(Cot("양변에 $x^2 + 3x = 10$ 을 대입하면 \\frac{1}{2} 와 42, 3.14 가 나옵니다 따라서 답은 2 입니다", "ko"));

        verdict.Passed.Should().BeTrue(verdict.Reason);
    }

    [Test]
    public void Too_few_words_to_judge_passes_and_says_so()
    {
        var verdict = Filter.Check(Cot("ok 좋아", "ko"));

        verdict.Passed.Should().BeTrue();
        verdict.Reason.Should().Be("too few words to judge: 2 counted (need 5)");
    }

    [Test]
    public void The_threshold_is_configurable()
    {
        var lenient = new MixedLanguageFilter(new MixedLanguageFilterOptions { Threshold = 0.5 });
        string mostlyKorean = Korean + " okay then.";

        Filter.Check(Cot(mostlyKorean, "ko")).Passed.Should().BeFalse();
        lenient.Check(Cot(mostlyKorean, "ko")).Passed.Should().BeTrue();
    }

    [Test]
    public void Only_the_chain_of_thought_is_read_unless_the_whole_completion_is_asked_for()
    {
        var sample = Cot(Korean, "ko", answer: "The answer is clearly forty two, as computed above in the reasoning.");
        var whole = new MixedLanguageFilter(new MixedLanguageFilterOptions { Target = ReadabilityTarget.WholeCompletion });

        Filter.Check(sample).Passed.Should().BeTrue();
        whole.Check(sample).Passed.Should().BeFalse();
    }

    [Test]
    public void An_unknown_sample_language_falls_back_to_the_dominant_language()
    {
        var verdict = Filter.Check(Cot(Korean, "xx"));

        verdict.Passed.Should().BeTrue();
        verdict.Reason.Should().Contain("unknown sample language 'xx'");
    }

    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void A_bad_threshold_is_rejected_by_name(double threshold)
    {
        var act = () => new MixedLanguageFilter(new MixedLanguageFilterOptions { Threshold = threshold });

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Threshold");
    }

    [Test]
    public void An_unknown_default_language_is_rejected_by_name()
    {
        var act = () => new MixedLanguageFilter(new MixedLanguageFilterOptions { DefaultLanguage = "klingon" });

        act.Should().Throw<ArgumentException>().WithParameterName("DefaultLanguage").WithMessage("*'klingon'*");
    }
}
