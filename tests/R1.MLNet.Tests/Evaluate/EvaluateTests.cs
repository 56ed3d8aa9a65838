using R1.Rollout.ChatTemplates;
using Microsoft.ML;
using R1.MLNet.Evaluate;
using R1.MLNet.Reason;
using R1.MLNet.Tests.TestSupport;

namespace R1.MLNet.Tests.Evaluate;

public class EvaluateTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Test]
    public void Score_gives_pass_at_1_and_the_majority_vote()
    {
        var options = new EvaluationOptions();
        var q = PassAtKEvaluator.Score("2+2", "4",
            ["<think>a</think><answer>4</answer>", "<think>b</think><answer>5</answer>", "<think>c</think><answer> 4</answer>", "<think>d"],
            options);

        q.Answers.Should().Equal("4", "5", "4", null);
        q.Correct.Should().Equal(true, false, true, false);
        q.PassAt1.Should().Be(0.5);
        q.MajorityAnswer.Should().Be("4");
        q.MajorityCorrect.Should().BeTrue();
    }

    [Test]
    public void Metrics_average_over_questions()
    {
        var options = new EvaluationOptions();
        var right = PassAtKEvaluator.Score("q1", "1", ["<answer>1</answer>", "<answer>1</answer>"], options);
        var wrongMajority = PassAtKEvaluator.Score("q2", "2", ["<answer>3</answer>", "<answer>2</answer>", "<answer>3</answer>"], options);
        var metrics = new ReasoningMetrics([right, wrongMajority], samplesPerQuestion: 2);

        metrics.PassAt1.Should().BeApproximately((1.0 + 1.0 / 3) / 2, 1e-12);
        metrics.ConsAtK.Should().Be(0.5);
        metrics.AnswerRate.Should().Be(1.0);
        metrics.PassAtK(1).Should().BeApproximately(metrics.PassAt1, 1e-12);
        metrics.PassAtK(2).Should().BeApproximately((1.0 + (1 - 1.0 / 3)) / 2, 1e-12);   // q2: 1 - C(2,2)/C(3,2)
    }

    [Test]
    public void Evaluate_samples_k_completions_per_question_with_a_tiny_policy()
    {
        using var policy = TinyPolicies.Create();
        var data = _ml.Data.LoadFromEnumerable(new[] { new QaRow { Prompt = "1+1=", Answer = "2" }, new QaRow { Prompt = "2+3=", Answer = "5" },
            new QaRow { Prompt = "9-9=", Answer = "0" } });
        var options = new EvaluationOptions { Samples = 3, Sampling = { MaxNewTokens = 4 }, MaxQuestions = 2, Prompt = PromptFormat.Raw,
            KeepCompletions = true };

        var metrics = _ml.Reasoning().Evaluate(data, policy, options);

        metrics.Questions.Should().HaveCount(2);
        metrics.SamplesPerQuestion.Should().Be(3);
        metrics.Questions.Should().OnlyContain(q => q.Completions.Count == 3 && q.Correct.Count == 3);
        metrics.PassAt1.Should().Be(metrics.Questions.Average(q => q.Correct.Count(c => c) / 3.0));
        metrics.Questions[1].Gold.Should().Be("5");
        _ml.Reasoning().Evaluate(data, policy, options).Questions.Select(q => q.Completions)
            .Should().BeEquivalentTo(metrics.Questions.Select(q => q.Completions), o => o.WithStrictOrdering(), "sampling is seeded");
    }

    [Test]
    public void Evaluate_over_an_empty_view_fails_naming_the_data()
    {
        using var policy = TinyPolicies.Create();
        var data = _ml.Data.LoadFromEnumerable(Array.Empty<QaRow>());
        var act = () => _ml.Reasoning().Evaluate(data, policy, new EvaluationOptions { Sampling = { MaxNewTokens = 2 } });
        act.Should().Throw<InvalidOperationException>().WithMessage("Evaluate: the data view has no rows (prompt column 'Prompt')*");
    }

    [Test]
    public void Evaluate_names_a_missing_gold_column()
    {
        using var policy = TinyPolicies.Create();
        var data = _ml.Data.LoadFromEnumerable(new[] { new PairRow { Prompt = "1+1=" } });
        var act = () => _ml.Reasoning().Evaluate(data, policy);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*gold answer column 'Answer'*");
    }
}

public class RewardCorrectnessTests
{
    private sealed class PrefixReward(string name, string prefix) : R1.Rewards.Abstractions.RewardBase
    {
        public override string Name => name;
        protected override ValueTask<R1.Rewards.Abstractions.RewardScore> ScoreOneAsync(R1.Rewards.Abstractions.RewardSample s,
            CancellationToken ct) =>
            ValueTask.FromResult(R1.Rewards.Abstractions.RewardScore.Of(s.Completion.StartsWith(prefix) && s.Tests == "t" ? 1 : 0, "prefix"));
    }

    private sealed class TestsRow
    {
        public string Prompt { get; set; } = "";
        public string Tests { get; set; } = "";
    }

    [Test]
    public void With_a_reward_pipeline_correctness_comes_from_the_named_reward_and_reference_columns()
    {
        var ml = new MLContext(seed: 1);
        using var policy = TinyPolicies.Create();
        var data = ml.Data.LoadFromEnumerable(new[] { new TestsRow { Prompt = "a", Tests = "t" }, new TestsRow { Prompt = "b", Tests = "other" } });
        var scorer = new R1.Rewards.Composition.RewardScorer([(new PrefixReward("code", "<think>"), 1.0), (new PrefixReward("never", "zzz"), 1.0)]);
        var options = new EvaluationOptions
        {
            Samples = 2, Sampling = { MaxNewTokens = 2 }, Prompt = PromptFormat.Raw with { CompletionPrefix = "<think>" },
            Rewards = scorer, CorrectnessReward = "code",
        };

        var metrics = ml.Reasoning().Evaluate(data, policy, options);

        metrics.Questions[0].Correct.Should().Equal(true, true);
        metrics.Questions[1].Correct.Should().HaveCount(2).And.OnlyContain(c => !c, "the Tests column reached the reward");
        metrics.PassAt1.Should().Be(0.5);
        metrics.Questions[0].Gold.Should().BeNull();
    }
}
