using R1.MLNet.Training;
using R1.Rewards.Abstractions;
using R1.Rewards.Judge;
using R1.Synthetic;

namespace R1.MLNet.Tests.Recipe;

public class RecipeTaskFamilyTests
{
    [Test]
    public void Number_words_round_trip_for_every_value_the_task_can_produce()
    {
        foreach (int v in Enumerable.Range(0, 1000))
        {
            NumberWords.TryParse(NumberWords.ToWords(v), out int back).Should().BeTrue(NumberWords.ToWords(v));
            back.Should().Be(v);
        }
        NumberWords.ToWords(23).Should().Be("twenty three");
        NumberWords.ToWords(105).Should().Be("one hundred five");
        NumberWords.ToWords(160).Should().Be("one hundred sixty");
    }

    [TestCase("Twenty-Three", 23)]
    [TestCase("  one hundred and five ", 105)]
    [TestCase("ninety", 90)]
    public void Number_words_read_leniently(string text, int value)
    {
        NumberWords.TryParse(text, out int parsed).Should().BeTrue();
        parsed.Should().Be(value);
    }

    [TestCase("")]
    [TestCase("23")]
    [TestCase("three twenty")]
    [TestCase("twenty ten")]
    [TestCase("one hundred zero")]
    [TestCase("hundred")]
    [TestCase("and")]
    [TestCase("twenty three apples")]
    [TestCase("그러면")]
    public void Anything_but_number_words_is_refused(string text) => NumberWords.TryParse(text, out _).Should().BeFalse();

    [TestCase("<think>4*5=20 then 3+20=23</think><answer>twenty three</answer>", 1.0)]
    [TestCase("<think>3+4=7 then 7*5=35</think><answer>thirty five</answer>", 0.0)]
    [TestCase("<think>4*5=20 then 3+20=23</think><answer>23</answer>", 0.0)]
    [TestCase("<think>4*5=20 then 3+20=23</think><answer>twenty three twenty three</answer>", 0.0)]
    public async Task The_stand_in_judge_grades_number_words_against_the_reference(string completion, double expected)
    {
        var judge = new NumberWordsJudge();
        using var reward = new JudgeReward(judge);
        var sample = new RewardSample { Prompt = "3+4*5 in words", Completion = completion, Answer = "23" };

        var score = (await reward.ScoreAsync([sample])).Single();

        score.Value.Should().Be(expected, score.Diagnostic);
        judge.Calls.Should().Be(1);
    }

    [Test]
    public void The_stand_in_judge_refuses_a_message_that_is_not_a_judge_prompt()
    {
        NumberWordsJudge.Grade("Question:\n3+4*5\n\nStudent's final answer:\ntwenty three").Should().Be("UNREADABLE");
        NumberWordsJudge.Grade("Question:\nq\n\nReference answer:\nabc\n\nStudent's final answer:\none\n\nVerdict").Should().Be("UNREADABLE");
    }

    [Test]
    public async Task The_job_routes_math_rows_to_the_math_reward_and_words_rows_to_the_judge_only()
    {
        var judge = new NumberWordsJudge();
        var rewards = MiniatureRewards.AllScenarios(judge);
        var problem = new ArithmeticProblem(3, 4, 5);
        var math = new RecipeProblem(problem, RecipeTaskFamily.Math);
        var words = new RecipeProblem(problem, RecipeTaskFamily.Words);

        var mathScores = await rewards.ScoreAsync([ReasoningEvaluator.ToRewardSample(math.ToExample(), math.Completion(false, CotStyle.Plain))]);
        judge.Calls.Should().Be(0, "a math row never reaches the judge");
        mathScores["math"][0].Value.Should().Be(1.0);
        mathScores["judge"][0].IsApplicable.Should().BeFalse();

        var wordsScores = await rewards.ScoreAsync([ReasoningEvaluator.ToRewardSample(words.ToExample(), words.Completion(false, CotStyle.Plain))]);
        judge.Calls.Should().Be(1);
        wordsScores["judge"][0].Value.Should().Be(1.0);
        wordsScores["math"][0].IsApplicable.Should().BeFalse("the math verifier never sees a words row");
    }

    [Test]
    public void Held_out_problems_are_unseen_in_either_task_type_and_every_row_names_its_type_and_language()
    {
        var family = new RecipeTaskFamily(heldOut: 50, seed: 3);
        var train = family.Train.Select(p => p.Problem).ToHashSet();
        family.HeldOut.Should().HaveCount(100).And.OnlyContain(p => !train.Contains(p.Problem));
        family.HeldOut.Select(p => p.TaskType).Distinct().Should().BeEquivalentTo(RecipeTaskFamily.TaskTypes);
        var example = family.HeldOut.First(p => p.TaskType == RecipeTaskFamily.Words).ToExample();
        example.Should().Match<ReasoningExample>(e => e.Language == "en" && e.TaskType == "words" && e.Prompt.EndsWith(" in words"));
    }

    [Test]
    public void The_corpus_plants_each_failure_at_its_rate_and_the_tokenizer_reads_every_row()
    {
        var family = new RecipeTaskFamily(heldOut: 50, seed: 3);
        var corpus = family.Corpus(4000, slipRate: 0.6, mixedRate: 0.15, codeRate: 0.15, seed: 1);
        var tokenizer = RecipeTaskFamily.CreateTokenizer();
        int unknown = tokenizer.SpecialTokens.ToList().IndexOf("<unk>");

        (corpus.Count(r => r.Slip) / 4000.0).Should().BeApproximately(0.6, 0.03);
        (corpus.Count(r => PlantedFailures.HasMixedScript(r.Response)) / 4000.0).Should().BeApproximately(0.15, 0.02);
        (corpus.Count(r => PlantedFailures.HasCodeBlock(r.Response)) / 4000.0).Should().BeApproximately(0.15, 0.02);
        corpus.Should().OnlyContain(r => PlantedFailures.StyleOf(r.Response) == r.Style);
        corpus.Should().OnlyContain(r => !tokenizer.Encode(r.Response).Contains(unknown) && !tokenizer.Encode(r.Problem.Question).Contains(unknown));
    }

    [Test]
    public void Planted_failure_checks_read_only_the_reasoning()
    {
        PlantedFailures.HasMixedScript("<think>4*5=20 then 3+20=23</think><answer>그러면</answer>").Should().BeFalse();
        PlantedFailures.HasCodeBlock("<think>4*5=20 then 3+20=23</think>```").Should().BeFalse();
        PlantedFailures.HasCodeBlock("<think>```\n4*5=20\n```</think><answer>20</answer>").Should().BeTrue();
    }
}
