using R1.Rewards.Readability;
using static R1.Rewards.Tests.Readability.ReadabilitySamples;

namespace R1.Rewards.Tests.Readability;

public class RepeatedNGramFilterTests
{
    private static readonly RepeatedNGramFilter Filter = new();

    [Test]
    public void A_degenerate_loop_fails_naming_the_repeated_ngram()
    {
        string loop = "Let me check. " + string.Concat(Enumerable.Repeat("Wait, so the answer is 42, let me verify again. ", 6));

        var verdict = Filter.Check(Cot(loop));

        verdict.Passed.Should().BeFalse();
        verdict.Reason.Should().StartWith("the 8-gram 'Wait, so the answer is 42, let me' occurs 5+ times (max 4)");
    }

    [Test]
    public void Four_repeats_pass_and_ordinary_reasoning_passes()
    {
        string four = string.Concat(Enumerable.Repeat("Wait, so the answer is 42, let me verify again. ", 4));
        string ordinary = "First add 2 and 3 to get 5. Then multiply 5 by 8 to get 40. Finally add 2 to get 42. So the answer is 42.";

        Filter.Check(Cot(four)).Reason.Should().Be("the most repeated 8-gram occurs 4 times");
        Filter.Check(Cot(ordinary)).Reason.Should().Be("no repeated 8-gram");
    }

    [Test]
    public void Words_compare_case_insensitively_and_punctuation_separates()
    {
        var filter = new RepeatedNGramFilter(new RepeatedNGramFilterOptions { NGramSize = 3, MaxRepeats = 2 });

        filter.Check(Cot("so it is. SO IT IS! So, it, is...")).Passed.Should().BeFalse();
        filter.Check(Cot("so it is. so it was. so it be.")).Passed.Should().BeTrue();
    }

    [Test]
    public void Han_characters_are_words_so_a_chinese_loop_is_found()
    {
        string loop = string.Concat(Enumerable.Repeat("所以答案是四十二。", 6));

        Filter.Check(Cot(loop)).Passed.Should().BeFalse();
        Filter.Check(Cot("首先我们在两边加上同一个数，然后方程变得简单，我们就能得到答案。")).Passed.Should().BeTrue();
    }

    [TestCase(0, 4, "NGramSize")]
    [TestCase(65, 4, "NGramSize")]
    [TestCase(8, 0, "MaxRepeats")]
    public void Bad_options_are_rejected_by_name(int size, int repeats, string parameter)
    {
        var act = () => new RepeatedNGramFilter(new RepeatedNGramFilterOptions { NGramSize = size, MaxRepeats = repeats });

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(parameter);
    }
}
