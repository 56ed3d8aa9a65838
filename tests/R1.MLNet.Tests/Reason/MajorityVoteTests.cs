using R1.MLNet.Reason;

namespace R1.MLNet.Tests.Reason;

public class MajorityVoteTests
{
    [Test]
    public void Largest_group_wins_and_missing_answers_do_not_vote()
    {
        string?[] answers = ["3", null, " 4", "4 ", null, null, "3", "4"];
        MajorityVote.Winner(answers, ExactAnswerMatcher.Instance).Should().Be(2);
    }

    [Test]
    public void Ties_go_to_the_group_seen_first_and_no_answers_give_minus_one()
    {
        MajorityVote.Winner(["7", "8", "8", "7"], ExactAnswerMatcher.Instance).Should().Be(0);
        MajorityVote.Winner([null, null], ExactAnswerMatcher.Instance).Should().Be(-1);
    }

    [Test]
    public void Exact_matcher_extracts_the_answer_block()
    {
        ExactAnswerMatcher.Instance.Extract("<think>hm</think><answer> 12 </answer>").Should().Be("12");
        ExactAnswerMatcher.Instance.Extract("<think>hm").Should().BeNull();
    }

    [Test]
    public void Math_matcher_votes_over_equivalent_forms()
    {
        var m = MathAnswerMatcher.Instance;
        string[] completions = ["<think>x</think><answer>3</answer>", "\\boxed{0.5}", "<answer>1/2</answer>", "The answer is \\frac{1}{2}"];
        string?[] answers = completions
            .Select(m.Extract).ToArray();
        answers.Should().Equal("3", "0.5", "1/2", "\\frac{1}{2}");
        MajorityVote.Winner(answers, m).Should().Be(1);
        m.AreEquivalent("1/2", "0.5").Should().BeTrue();
        m.AreEquivalent("1/2", "0.25").Should().BeFalse();
        m.Extract("<think>7 plus</think> 8").Should().Be("8", "falls back to the text after </think>");
    }
}
