using R1.Rewards.Readability;
using static R1.Rewards.Tests.Readability.ReadabilitySamples;

namespace R1.Rewards.Tests.Readability;

public class UnfinishedAndLengthFilterTests
{
    [Test]
    public void Reasoning_without_a_closing_tag_is_unfinished()
    {
        var filter = new UnfinishedReasoningFilter();

        filter.Check(Raw("<think>6 * 7 = 42, so")).Reason.Should().Be("the reasoning never finished: no </think> closes the think block");
        filter.Check(Raw("6 * 7 = 42, so", prompt: "Q? <think>")).Passed.Should().BeFalse("the prompt opened the think block");
        filter.Check(Raw("<think>done</think> <answer>42</answer>")).Passed.Should().BeTrue();
        filter.Check(Raw("done</think> 42", prompt: "Q? <think>")).Passed.Should().BeTrue();
    }

    [Test]
    public void A_completion_without_think_tags_fails_unless_allowed()
    {
        var allow = new UnfinishedReasoningFilter(new UnfinishedReasoningFilterOptions { AllowNoReasoning = true });

        new UnfinishedReasoningFilter().Check(Raw("42")).Reason.Should().Be("no </think>: the completion has no finished reasoning block");
        allow.Check(Raw("42")).Reason.Should().Be("no reasoning block (allowed)");
        allow.Check(Raw("<think>cut off")).Passed.Should().BeFalse();
    }

    [Test]
    public void Max_length_counts_characters_of_the_chain_of_thought()
    {
        var filter = new MaxLengthFilter(new MaxLengthFilterOptions { MaxChars = 10 });
        var whole = new MaxLengthFilter(new MaxLengthFilterOptions { MaxChars = 10, Target = ReadabilityTarget.WholeCompletion });

        filter.Check(Cot("0123456789")).Reason.Should().Be("10 characters, 1 words");
        filter.Check(Cot("0123456789!")).Reason.Should().Be("11 characters (max 10)");
        whole.Check(Cot("0123456789")).Passed.Should().BeFalse("the whole completion has the tags and the answer too");
    }

    [Test]
    public void Max_length_counts_words_when_asked()
    {
        var filter = new MaxLengthFilter(new MaxLengthFilterOptions { MaxChars = 0, MaxWords = 3 });

        filter.Check(Cot("one two\nthree")).Passed.Should().BeTrue();
        filter.Check(Cot("one two\n three  four")).Reason.Should().Be("4 words (max 3)");
    }

    [Test]
    public void Max_length_limits_are_validated()
    {
        var both = () => new MaxLengthFilter(new MaxLengthFilterOptions { MaxChars = 0, MaxWords = 0 });
        var negative = () => new MaxLengthFilter(new MaxLengthFilterOptions { MaxWords = -1 });

        both.Should().Throw<ArgumentException>().WithParameterName("MaxChars");
        negative.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxWords");
    }
}
