using R1.Rewards.Abstractions;
using R1.Rewards.Format;

namespace R1.Rewards.Tests.Format;

public class FormatRewardTests
{
    private static FormatReward Reward(FormatStyle style, FormatMode mode, bool partial = false, bool thinkInPrompt = false) =>
        new(new FormatRewardOptions { Style = style, Mode = mode, PartialCredit = partial, ThinkOpenedInPrompt = thinkInPrompt });

    private static double Score(FormatReward reward, string completion) => reward.Score(completion).Value!.Value;

    private const string R1ZeroGood = "<think>\n6 * 7 = 42\n</think>\n<answer>\n42\n</answer>";
    private const string R1Good = "<think>\n6 * 7 = 42\n</think>\n\nThe product of 6 and 7 is **42**.";

    [TestCase(R1ZeroGood, 1.0)]
    [TestCase("<think>6 * 7 = 42</think><answer>42</answer><|endoftext|>", 1.0)]
    [TestCase("  <think>a</think>   <answer>42</answer>  ", 1.0)]
    [TestCase("Sure! <think>a</think><answer>42</answer>", 0.0)]
    [TestCase("<think>a</think> so <answer>42</answer>", 0.0)]
    [TestCase("<think>a</think><answer>42</answer> Done.", 0.0)]
    [TestCase("<think> </think><answer>42</answer>", 0.0)]
    [TestCase("<think>a</think><answer> </answer>", 0.0)]
    [TestCase("<think>a</think><think>b</think><answer>42</answer>", 0.0)]
    [TestCase("<answer>42</answer><think>a</think>", 0.0)]
    [TestCase("<THINK>a</THINK><ANSWER>42</ANSWER>", 0.0)]
    [TestCase("<think>a</think>42", 0.0)]
    public void R1Zero_strict(string completion, double expected) =>
        Score(Reward(FormatStyle.R1Zero, FormatMode.Strict), completion).Should().Be(expected);

    [TestCase(R1ZeroGood, 1.0)]
    [TestCase("Sure! <think>a</think><answer>42</answer>", 1.0)]
    [TestCase("<think>a</think> so <answer>42</answer> Done.", 1.0)]
    [TestCase("<think></think><answer>42</answer>", 1.0)]
    [TestCase("<THINK>a</THINK><ANSWER>42</ANSWER>", 1.0)]
    [TestCase("<think>a</think><think>b</think><answer>42</answer>", 1.0)]
    [TestCase("<think>a</think><answer> </answer>", 0.0)]
    [TestCase("<answer>42</answer><think>a</think>", 0.0)]
    [TestCase("<think>a</think>42", 0.0)]
    [TestCase("42", 0.0)]
    public void R1Zero_lenient(string completion, double expected) =>
        Score(Reward(FormatStyle.R1Zero, FormatMode.Lenient), completion).Should().Be(expected);

    [TestCase(R1Good, 1.0)]
    [TestCase("<think>a</think>42<｜end▁of▁sentence｜>", 1.0)]
    [TestCase("<think>a</think>", 0.0)]
    [TestCase("<think>a</think>  ...  ", 0.0)]
    [TestCase("Let me see. <think>a</think> 42", 0.0)]
    [TestCase("<think></think> 42", 0.0)]
    [TestCase("<think>a</think> 42 <think>again</think> 43", 0.0)]
    [TestCase("<think>a", 0.0)]
    public void R1_strict(string completion, double expected) =>
        Score(Reward(FormatStyle.R1, FormatMode.Strict), completion).Should().Be(expected);

    [TestCase(R1Good, 1.0)]
    [TestCase("Let me see. <think>a</think> 42", 1.0)]
    [TestCase("<think></think> 42", 1.0)]
    [TestCase("<think>a</think> 42 <think>again</think> 43", 1.0)]
    [TestCase("<think>a</think>  ...  ", 0.0)]
    [TestCase("<think>a", 0.0)]
    public void R1_lenient(string completion, double expected) =>
        Score(Reward(FormatStyle.R1, FormatMode.Lenient), completion).Should().Be(expected);

    [TestCase("<think>a</think><answer>42</answer>", 1.0)]
    [TestCase("<think>a</think><answer>42", 0.375)]
    [TestCase("<think>a</think>42", 0.25)]
    [TestCase("<think>a", 0.125)]
    [TestCase("42", 0.0)]
    [TestCase("<answer>42</answer><think>a</think>", 0.5)]
    [TestCase("<think>a</think><think>b</think><answer>42</answer>", 0.25)]
    public void R1Zero_partial_credit_per_tag_that_appears_once(string completion, double expected) =>
        Score(Reward(FormatStyle.R1Zero, FormatMode.Strict, partial: true), completion).Should().BeApproximately(expected, 1e-12);

    [TestCase(R1Good, 1.0)]
    [TestCase("<think>a</think>", 0.25)]
    [TestCase("<think>a", 0.125)]
    [TestCase("a</think> 42 <think>", 0.25)]
    public void R1_partial_credit_per_tag_that_appears_once(string completion, double expected) =>
        Score(Reward(FormatStyle.R1, FormatMode.Strict, partial: true), completion).Should().BeApproximately(expected, 1e-12);

    [TestCase(FormatStyle.R1Zero, "6 * 7 = 42\n</think>\n<answer>42</answer>", 1.0)]
    [TestCase(FormatStyle.R1Zero, "<think>6 * 7 = 42</think><answer>42</answer>", 0.0)]
    [TestCase(FormatStyle.R1, "6 * 7 = 42\n</think>\n\nThe answer is 42.", 1.0)]
    [TestCase(FormatStyle.R1, "6 * 7 = 42 and the answer is 42.", 0.0)]
    public void The_opening_think_tag_may_be_part_of_the_prompt(FormatStyle style, string completion, double expected) =>
        Score(Reward(style, FormatMode.Strict, thinkInPrompt: true), completion).Should().Be(expected);

    [Test]
    public async Task A_prompt_ending_in_think_opens_the_block_without_the_option()
    {
        var reward = Reward(FormatStyle.R1Zero, FormatMode.Strict);
        var sample = new RewardSample { Prompt = "<｜User｜>6 * 7?<｜Assistant｜><think>\n", Completion = "6 * 7 = 42</think><answer>42</answer>" };

        var scores = await reward.ScoreAsync([sample, sample with { Prompt = "6 * 7?" }]);

        scores.Select(s => s.Value).Should().Equal(1.0, 0.0);
    }

    [Test]
    public void Diagnostics_name_the_problem_and_the_partial_credit()
    {
        var score = Reward(FormatStyle.R1Zero, FormatMode.Strict, partial: true).Score("<think>a</think><answer>42</answer> trailing");

        score.Diagnostic.Should().Be("not strict R1-Zero format: text after </answer>; 4/4 tags once");
        score.Value.Should().Be(0.5);
    }

    [Test]
    public void Bad_options_are_named()
    {
        var act = () => new FormatReward(new FormatRewardOptions { PartialCreditPerTag = 2 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*PartialCreditPerTag*");
    }

    [Test]
    public void Reasoning_completion_parses_the_parts_used_by_other_rewards()
    {
        var zero = ReasoningCompletion.Parse("<think>t</think> <answer>42</answer>");
        var r1 = ReasoningCompletion.Parse("t</think> The answer is 42.");
        var plain = ReasoningCompletion.Parse("just 42");
        var unfinished = ReasoningCompletion.Parse("<think>t");

        (zero.Reasoning, zero.Answer, zero.FinalAnswer).Should().Be(("t", "42", "42"));
        (r1.Reasoning, r1.FinalAnswer).Should().Be(("t", "The answer is 42."));
        (plain.Reasoning, plain.FinalAnswer).Should().Be(((string?)null, "just 42"));
        (unfinished.Reasoning, unfinished.FinalAnswer).Should().Be(("t", (string?)null));
        zero.FinalAnswerOr("").Should().Be(zero.FinalAnswer, "the earlier API returns the same answer");
    }
}
