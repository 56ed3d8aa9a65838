using R1.MLNet.Reason;
using R1.Rewards.Format;

namespace R1.MLNet.Tests.Reason;

// The Reason step's Reasoning and Answer columns come from R1.Rewards' ReasoningCompletion (the parser the rewards grade with).
public class ReasonAnswerParsingTests
{
    [TestCase("<think> 2 plus 2 </think> <answer> 4 </answer>", "2 plus 2", "4")]
    [TestCase(" add them</think><answer>4</answer>", "add them", "4")]       // prompt ended inside <think>
    [TestCase("<think>add</think> 4 ", "add", "4")]                           // no <answer> tags
    [TestCase("<think>still thinking", "still thinking", "")]                 // cut off
    [TestCase("no tags at all", "", "no tags at all")]                        // a plain answer, as the rewards grade it
    [TestCase("<think>x</think><answer>5", "x", "5")]                         // unclosed answer
    public void Splits_reasoning_and_answer(string completion, string reasoning, string answer)
    {
        var parsed = ReasoningCompletion.Parse(completion);
        (parsed.Reasoning ?? "").Should().Be(reasoning);
        (parsed.FinalAnswer ?? "").Should().Be(answer);
    }

    [Test]
    public void A_completion_without_tags_after_a_prompt_that_opened_think_is_unfinished_reasoning()
    {
        var parsed = ReasoningCompletion.Parse("no tags at all", thinkOpenedInPrompt: true);
        parsed.Reasoning.Should().Be("no tags at all");
        parsed.FinalAnswer.Should().BeNull();
    }

    [TestCase("<think>\\boxed{3}</think><answer>4</answer>", "4")]
    [TestCase("<think>a</think> \\boxed{3} <answer>The answer is 4.</answer>", "4")]
    [TestCase("<think>a</think><answer>The answer is \\boxed{\\frac12}</answer>", "\\frac12")]
    [TestCase("<think>a</think><answer>1</answer><answer>2</answer>", "2")]
    public void Math_matcher_takes_its_answer_from_the_shown_final_answer(string completion, string expected)
    {
        var shown = ReasoningCompletion.Parse(completion).FinalAnswer;
        var voted = MathAnswerMatcher.Instance.Extract(completion);
        voted.Should().Be(expected);
        shown.Should().Contain(voted);
        ExactAnswerMatcher.Instance.Extract(completion).Should().Be(shown);
    }
}
