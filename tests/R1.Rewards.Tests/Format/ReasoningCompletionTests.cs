using R1.Rewards.Abstractions;
using R1.Rewards.Format;
using R1.Rewards.Math;

namespace R1.Rewards.Tests.Format;

public class ReasoningCompletionTests
{
    [TestCase("<think> 2 plus 2 </think> <answer> 4 </answer>", "2 plus 2", "4", "4")]
    [TestCase(" add them</think><answer>4</answer>", "add them", "4", "4")]                  // the prompt opened <think>
    [TestCase("<think>add</think> The sum is 4. ", "add", null, "The sum is 4.")]              // R1: a summary, no answer tags
    [TestCase("<think>x</think><answer>5", "x", "5", "5")]                                     // cut off inside the answer
    [TestCase("<THINK>x</Think><ANSWER>5</answer>", "x", "5", "5")]                             // tags in any case
    [TestCase("just 42", null, null, "just 42")]                                               // a plain, non-reasoning completion
    [TestCase("Work: 6*7.\n<answer>42</answer>", null, "42", "42")]                            // answer tags without think tags
    public void Splits_well_formed_completions(string completion, string? reasoning, string? answer, string finalAnswer)
    {
        var parsed = ReasoningCompletion.Parse(completion);

        parsed.Reasoning.Should().Be(reasoning);
        parsed.Answer.Should().Be(answer);
        parsed.FinalAnswer.Should().Be(finalAnswer);
        parsed.IsReasoningFinished.Should().BeTrue();
    }

    [TestCase("<think>still thinking \\boxed{4} <answer>4</answer>", "still thinking \\boxed{4} <answer>4</answer>")]
    [TestCase("<think>", "")]
    public void Unfinished_reasoning_has_no_final_answer_whatever_it_contains(string completion, string reasoning)
    {
        var parsed = ReasoningCompletion.Parse(completion);

        parsed.IsReasoningFinished.Should().BeFalse();
        parsed.Reasoning.Should().Be(reasoning);
        parsed.AfterReasoning.Should().BeNull();
        parsed.Answer.Should().BeNull();
        parsed.FinalAnswer.Should().BeNull();
    }

    [Test]
    public void A_prompt_that_opened_think_makes_a_tagless_completion_unfinished_reasoning()
    {
        var opened = ReasoningCompletion.Parse("step 1, step 2, so 4", thinkOpenedInPrompt: true);
        opened.Reasoning.Should().Be("step 1, step 2, so 4");
        opened.FinalAnswer.Should().BeNull();

        var closed = ReasoningCompletion.Parse("step 1</think><answer>4</answer>", thinkOpenedInPrompt: true);
        (closed.Reasoning, closed.FinalAnswer).Should().Be(("step 1", "4"));

        var sample = new RewardSample { Prompt = "Question: 2+2?\n<think>\n", Completion = "2+2 is 4" };
        ReasoningCompletion.Parse(sample).FinalAnswer.Should().BeNull("the sample's prompt ends with <think>");
        ReasoningCompletion.Parse(sample with { Prompt = "Question: 2+2?" }).FinalAnswer.Should().Be("2+2 is 4");
    }

    [Test]
    public void Empty_answer_blocks_and_summaries_are_empty_answers_not_missing_ones()
    {
        ReasoningCompletion.Parse("<think>t</think><answer> </answer>").FinalAnswer.Should().Be("");
        ReasoningCompletion.Parse("<think>t</think>").FinalAnswer.Should().Be("");
        ReasoningCompletion.Parse("").FinalAnswer.Should().Be("");
        ReasoningCompletion.Parse("<think>t</think><answer>4</answer><answer></answer>").FinalAnswer
            .Should().Be("", "the last block is the answer; an earlier one does not stand in for an empty last one");
    }

    [Test]
    public void Null_is_rejected()
    {
        var act = () => ReasoningCompletion.Parse((string)null!);
        act.Should().Throw<ArgumentNullException>();
    }

    // A policy under RL will try every layout that might earn reward; each case names the answer that is graded and shown.
    [TestCase("<think>t</think><answer>3</answer><answer>4</answer>", "4", 2)]                        // several blocks: the last
    [TestCase("<think>t</think><answer>3<answer>4</answer>", "4", 2)]                                 // nested opening tags
    [TestCase("<think>maybe <answer>3</answer></think><answer>4</answer>", "4", 1)]                   // a block inside think
    [TestCase("<think>a</think> <answer>3</answer> </think> <answer>4</answer>", "4", 1)]             // the last </think> closes
    [TestCase("<think>a</think><answer>3</answer><think>more", null, 0)]                              // reopened, never closed
    [TestCase("<think>a</think><answer>3</answer><think>b</think>", "", 0)]                           // an answer, then more thought
    [TestCase("</think><answer>3</answer>", "3", 1)]                                                  // empty reasoning opened in the prompt
    [TestCase("<answer>3</answer></think> ok", "ok", 0)]                                              // the block was in the reasoning
    [TestCase("<think>a</answer></think><answer>4</answer></answer>", "4", 1)]                        // stray closing tags
    public void Hostile_layouts_have_exactly_one_well_defined_answer(string completion, string? finalAnswer, int blocks)
    {
        var parsed = ReasoningCompletion.Parse(completion);

        parsed.FinalAnswer.Should().Be(finalAnswer);
        parsed.AnswerBlockCount.Should().Be(blocks);
    }

    [Test]
    public void Nothing_written_inside_the_think_block_is_part_of_the_answer()
    {
        var parsed = ReasoningCompletion.Parse("<think>\\boxed{3}? The answer is 3. <answer>3</answer>\n#### 3</think><answer>4</answer>");

        parsed.Reasoning.Should().Contain("\\boxed{3}");
        parsed.FinalAnswer.Should().Be("4");
        AnswerExtractor.Extract(parsed)!.Answer.Should().Be("4");
    }

    [Test]
    public void Huge_and_tag_flooded_completions_parse_in_linear_time()
    {
        string flood = string.Concat(Enumerable.Repeat("<answer></think><think>", 100_000)) + "</think><answer>7</answer>";
        string big = new string('x', 4_000_000) + "</think><answer>8";

        var watch = System.Diagnostics.Stopwatch.StartNew();
        ReasoningCompletion.Parse(flood).FinalAnswer.Should().Be("7");
        ReasoningCompletion.Parse(big).FinalAnswer.Should().Be("8");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Test]
    public void When_the_strict_format_reward_accepts_a_completion_the_parser_answer_is_its_answer_block()
    {
        var format = new FormatReward();
        string[] accepted =
        [
            "<think>4*5=20 3+20=23</think> <answer>23</answer>",
            "<think>\nreason\n</think>\n<answer>\n\\frac{1}{2}\n</answer>\n",
        ];
        foreach (var completion in accepted)
        {
            format.Score(completion).Value.Should().Be(1, completion);
            var parsed = ReasoningCompletion.Parse(completion);
            int open = completion.IndexOf("<answer>", StringComparison.Ordinal) + "<answer>".Length;
            parsed.FinalAnswer.Should().Be(completion[open..completion.IndexOf("</answer>", StringComparison.Ordinal)].Trim());
        }
        format.Score("<think>t</think> <answer>3</answer> <answer>4</answer>").Value.Should().Be(0, "strict format rejects several blocks");
    }

    // The answer the math reward grades is always a part of the parser's final answer, the one the Reason step shows; and
    // the reward's verdict is the verdict on that answer.
    [Test]
    public void The_math_reward_grades_the_answer_the_parser_shows()
    {
        (string Completion, string Gold, double Expected)[] corpus =
        [
            ("<think>4*5=20 3+20=23</think><answer>23</answer>", "23", 1),
            ("<think>4*5=20 3+20=23</think><answer>23", "23", 1),
            ("<think>3+4=7 7*5=35</think><answer>35</answer>", "23", 0),
            ("<think>try \\boxed{3}</think><answer>4</answer>", "4", 1),
            ("<think>try \\boxed{3}</think><answer>4</answer>", "3", 0),
            ("<think>is it <answer>3</answer>?</think> The answer is 4.", "4", 1),
            ("<think>a</think> \\boxed{3} <answer>The answer is $\\frac{1}{2}$.</answer>", "0.5", 1),
            ("<think>a</think><answer>so \\boxed{\\frac12}</answer>", "1/2", 1),
            ("<think>a</think><answer>3</answer><answer>4</answer>", "4", 1),
            ("<think>a</think><answer>3</answer><answer>4</answer>", "3", 0),
            ("<think>a</think><answer>\\boxed{3} or \\boxed{4}</answer>", "4", 0),
            ("<think>a</think><answer>3</answer><think>hmm", "3", 0),
            ("<think>\\boxed{4} truncated here", "4", 0),
            ("<think>a</think><answer></answer> The answer is 4", "4", 0),
            ("<think>a</think> So we get $\\boxed{18}$.", "18", 1),
            ("She makes 9 * 2 = 18.\n#### 18", "18", 1),
            ("The answer is 18 dollars.", "18", 1),
            ("no idea", "18", 0),
            ("</think><answer>7</answer>", "7", 1),
        ];
        var reward = new MathAccuracyReward();
        foreach (var (completion, gold, expected) in corpus)
        {
            var sample = new RewardSample { Prompt = "q", Completion = completion, Answer = gold };
            var score = reward.Score(sample);
            var shown = ReasoningCompletion.Parse(sample).FinalAnswer;
            var graded = AnswerExtractor.Extract(completion);

            score.Value.Should().Be(expected, $"{completion} vs {gold}: {score.Diagnostic}");
            if (graded == null)
            {
                score.Value.Should().Be(0, completion);
                continue;
            }
            shown.Should().NotBeNull(completion).And.Contain(graded.Answer, "the graded answer is part of the shown one");
            if (!graded.HasConflictingBoxes)
                score.Diagnostic.Should().Contain($"'{graded.Answer}'", "the diagnostic names the graded answer");
            bool equivalent = MathVerifier.AreEquivalent(graded.Answer, gold).IsEquivalent && !graded.HasConflictingBoxes;
            score.Value.Should().Be(equivalent ? 1 : 0, completion);
        }
    }

    [Test]
    public void On_every_gsm8k_answer_the_graded_answer_is_the_shown_one()
    {
        foreach (var record in Math.BenchmarkData.Gsm8k())
        {
            string number = record.Answer[(record.Answer.LastIndexOf("####", StringComparison.Ordinal) + 4)..].Trim();
            foreach (var completion in new[] { $"<think>{record.Answer}</think><answer>{number}</answer>",
                $"<think>\\boxed{{0}}</think> #### {number}" })
            {
                var graded = AnswerExtractor.Extract(completion);
                graded.Should().NotBeNull(completion);
                graded!.Answer.Should().Be(number).And.Be(ReasoningCompletion.Parse(completion).FinalAnswer!.Replace("#### ", ""));
            }
        }
    }
}
