using R1.Rewards.Readability;
using static R1.Rewards.Tests.Readability.ReadabilitySamples;

namespace R1.Rewards.Tests.Readability;

public class LongParagraphFilterTests
{
    private static LongParagraphFilter Filter(int maxChars, int maxWords) =>
        new(new LongParagraphFilterOptions { MaxChars = maxChars, MaxWords = maxWords });

    private static string Words(int count, string word = "step") => string.Join(' ', Enumerable.Repeat(word, count));

    [Test]
    public void A_paragraph_over_the_character_limit_fails_naming_it()
    {
        string cot = "short first paragraph.\n\n" + new string('x', 120) + "\n\nshort last.";

        var verdict = Filter(100, 0).Check(Cot(cot));

        verdict.Passed.Should().BeFalse();
        verdict.Reason.Should().Be("paragraph 2 has 120 characters (max 100)");
    }

    [Test]
    public void A_paragraph_over_the_word_limit_fails_naming_it()
    {
        var verdict = Filter(0, 10).Check(Cot(Words(11)));

        verdict.Passed.Should().BeFalse();
        verdict.Reason.Should().Be("paragraph 1 has 11 words (max 10)");
    }

    [Test]
    public void Many_short_paragraphs_pass_however_long_the_whole_text()
    {
        string cot = string.Join("\n\n", Enumerable.Repeat(Words(9), 500));

        var verdict = Filter(100, 10).Check(Cot(cot));

        verdict.Passed.Should().BeTrue();
        verdict.Reason.Should().Be("500 paragraphs, the longest 44 characters and 9 words");
    }

    [Test]
    public void Single_line_breaks_do_not_split_a_paragraph_but_blank_lines_of_spaces_do()
    {
        string lines = string.Join('\n', Enumerable.Repeat(Words(4), 3));

        Filter(0, 10).Check(Cot(lines)).Reason.Should().Be("paragraph 1 has 12 words (max 10)");
        Filter(0, 10).Check(Cot(Words(6) + "\n   \t\n" + Words(6))).Passed.Should().BeTrue();
    }

    [Test]
    public void Crlf_and_lone_cr_line_breaks_separate_paragraphs()
    {
        Filter(0, 10).Check(Cot(Words(6) + "\r\n\r\n" + Words(6))).Passed.Should().BeTrue();
        Filter(0, 10).Check(Cot(Words(6) + "\r\r" + Words(6))).Passed.Should().BeTrue();
        Filter(0, 10).Check(Cot(Words(6) + "\r\n" + Words(6))).Passed.Should().BeFalse("one CRLF is a line break inside a paragraph");
    }

    [Test]
    public void Characters_are_unicode_scalars_so_chinese_is_caught_by_the_character_limit()
    {
        string chinese = string.Concat(Enumerable.Repeat("我们计算两边的和", 20));   // 160 Han characters, no spaces: one "word"
        string emoji = string.Concat(Enumerable.Repeat("😀", 80));                      // 80 scalars, 160 UTF-16 units

        Filter(150, 10).Check(Cot(chinese)).Reason.Should().Be("paragraph 1 has 160 characters (max 150)");
        Filter(100, 0).Check(Cot(emoji)).Passed.Should().BeTrue();
    }

    [Test]
    public void The_defaults_are_1500_characters_and_250_words()
    {
        var filter = new LongParagraphFilter();

        (filter.Options.MaxChars, filter.Options.MaxWords).Should().Be((1500, 250));
        filter.Check(Cot(Words(250, "a"))).Passed.Should().BeTrue();
        filter.Check(Cot(Words(251, "a"))).Passed.Should().BeFalse();
    }

    [Test]
    public void A_long_paragraph_in_the_answer_is_not_in_the_chain_of_thought()
    {
        var sample = Cot("short reasoning", answer: Words(300));

        new LongParagraphFilter().Check(sample).Passed.Should().BeTrue();
        new LongParagraphFilter(new LongParagraphFilterOptions { Target = ReadabilityTarget.WholeCompletion }).Check(sample).Passed
            .Should().BeFalse();
    }

    [TestCase(-1, 10, "MaxChars")]
    [TestCase(10, -1, "MaxWords")]
    [TestCase(0, 0, "MaxChars")]
    public void Bad_limits_are_rejected_by_name(int maxChars, int maxWords, string parameter)
    {
        var act = () => Filter(maxChars, maxWords);

        act.Should().Throw<ArgumentException>().WithParameterName(parameter);
    }
}
