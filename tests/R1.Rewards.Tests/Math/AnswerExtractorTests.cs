using R1.Rewards.Math;

namespace R1.Rewards.Tests.Math;

public class AnswerExtractorTests
{
    [Test]
    public void Takes_the_last_boxed_answer_with_nested_braces()
    {
        var found = AnswerExtractor.Extract("First \\boxed{1}... no wait, it is $\\boxed{\\frac{\\sqrt{3}}{2}}$.");
        found!.Answer.Should().Be("\\frac{\\sqrt{3}}{2}");
        found.Source.Should().Be(AnswerSource.Boxed);
        found.HasConflictingBoxes.Should().BeTrue("1 and sqrt(3)/2 are different boxed answers");
    }

    [Test]
    public void Fbox_and_unbraced_boxed_are_found()
    {
        AnswerExtractor.Extract("so \\fbox{7} is it")!.Answer.Should().Be("7");
        AnswerExtractor.Extract("so $\\boxed 5$")!.Answer.Should().Be("5");
    }

    [Test]
    public void Repeating_the_same_answer_in_different_forms_is_not_a_conflict()
    {
        var found = AnswerExtractor.Extract("\\boxed{15\\frac{39}{40}}, or $\\boxed{\\frac{639}{40}}$ inches")!;
        found.HasConflictingBoxes.Should().BeFalse();
        found.BoxedAnswers.Should().HaveCount(2);
        AnswerExtractor.Extract("\\boxed{2} ... \\boxed{2}")!.BoxedAnswers.Should().Equal("2");
    }

    [Test]
    public void Answer_tag_is_used_when_nothing_is_boxed()
    {
        var found = AnswerExtractor.Extract("<think>2+2 is 4</think> <answer> 4 </answer>")!;
        found.Answer.Should().Be("4");
        found.Source.Should().Be(AnswerSource.AnswerTag);
        AnswerExtractor.Extract("<think>...</think><answer>The answer is $\\frac{1}{2}$.</answer>")!.Answer.Should().Be("\\frac{1}{2}");
    }

    [TestCase("So the answer is 42.", "42")]
    [TestCase("Therefore, the final answer is: $\\frac{3}{4}$. Done.", "\\frac{3}{4}")]
    [TestCase("Final Answer: 3.5\nThanks", "3.5")]
    [TestCase("The answer is **-7**", "-7")]
    public void Answer_phrases_are_understood(string completion, string expected)
    {
        var found = AnswerExtractor.Extract(completion)!;
        found.Answer.Should().Be(expected);
        found.Source.Should().Be(AnswerSource.AnswerPhrase);
    }

    [Test]
    public void Gsm8k_marker_is_understood()
    {
        var found = AnswerExtractor.Extract("She makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 18")!;
        found.Answer.Should().Be("18");
        found.Source.Should().Be(AnswerSource.HashMarker);
    }

    [Test]
    public void No_answer_gives_null()
    {
        AnswerExtractor.Extract("I think it is probably around forty.").Should().BeNull();
        AnswerExtractor.Extract("").Should().BeNull();
        AnswerExtractor.Extract("\\boxed{never closed").Should().BeNull();
    }
}
