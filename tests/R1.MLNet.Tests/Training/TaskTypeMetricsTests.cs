using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Training;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;

namespace R1.MLNet.Tests.Training;

/// <summary>Accuracy graded by the first accuracy reward that applies to a row, and GRPO metrics split by task type.</summary>
public class TaskTypeMetricsTests
{
    /// <summary>Applies only to rows of <paramref name="taskType"/> and scores 1 when the completion contains <paramref name="marker"/>.</summary>
    private sealed class TaskReward(string name, string taskType, string marker) : RewardBase
    {
        public override string Name => name;
        protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken ct) => ValueTask.FromResult(
            sample.TaskType != taskType ? RewardScore.NotApplicable($"not a {taskType} row")
                : RewardScore.Of(sample.Completion.Contains(marker, StringComparison.Ordinal) ? 1 : 0, marker));
    }

    private static RewardBatchResult Score(params (string? Task, string Completion)[] rows) =>
        new RewardScorer([(new TaskReward("math", "math", "1"), 1.0), (new TaskReward("judge", "words", "2"), 1.0)])
            .ScoreAsync(rows.Select(r => new RewardSample { Prompt = "q", Completion = r.Completion, TaskType = r.Task }).ToList())
            .AsTask().GetAwaiter().GetResult();

    [Test]
    public void The_first_accuracy_reward_that_applies_decides_each_row()
    {
        var scores = Score(("math", "1"), ("math", "2"), ("words", "2"), ("words", "1"), (null, "12"));

        ReasoningEvaluator.Correctness(scores, ReasoningEvaluator.DefaultAccuracyRewards)
            .Should().Equal(true, false, true, false, false);
        ReasoningEvaluator.Correctness(scores, "math").Should().Equal([true, false, false, false, false], "judge is not consulted");
        ReasoningEvaluator.Correctness(scores, ["judge", "math"]).Should().Equal(true, false, true, false, false);
        ReasoningEvaluator.Correctness(scores, ["code"]).Should().Equal([true, false, true, false, false],
            "without any accuracy reward in the pipeline a positive total counts (the null row applies to neither reward)");
    }

    [Test]
    public void Evaluation_results_split_accuracy_by_task_type()
    {
        var result = new EvaluationResult(0.5,
        [
            new(new ReasoningExample("a", TaskType: "math"), "", true), new(new ReasoningExample("b", TaskType: "math"), "", false),
            new(new ReasoningExample("c", TaskType: "words"), "", true), new(new ReasoningExample("d"), "", false),
        ]);

        result.AccuracyByTaskType.Should().Equal(new Dictionary<string, double> { ["math"] = 0.5, ["words"] = 1.0 });
        new EvaluationResult(0, [new(new ReasoningExample("a"), "", false)]).AccuracyByTaskType.Should().BeEmpty();
    }

    [Test]
    public void Grpo_step_metrics_and_the_log_split_reward_and_accuracy_by_task_type()
    {
        var prompts = new List<ReasoningExample>
        {
            new("1+1", "2", TaskType: "math"), new("2+2", "4", TaskType: "words"),
            new("3+3", "6", TaskType: "math"), new("4+4", "8", TaskType: "words"),
        };
        var scorer = new RewardScorer([(new TaskReward("math", "math", "1"), 1.0), (new TaskReward("judge", "words", "2"), 1.0)]);
        var logger = new ListLogger();
        using var policy = TrainingFixtures.Create(3);
        var options = new GrpoOptions
        {
            MaxSteps = 2, PromptsPerStep = 4, NumGenerations = 4, Seed = 3, Sampling = { MaxNewTokens = 6 }, Optimizer = { LearningRate = 1e-3 },
        };

        var result = new GrpoTrainer(policy, scorer, options, TrainingFixtures.Compact, logger).Train(prompts, prompts);

        foreach (var m in result.History)
        {
            m.ByTaskType.Keys.Should().Equal("math", "words");
            m.ByTaskType.Values.Should().OnlyContain(t => t.Completions == 8);
            double overall = (m.ByTaskType["math"].Accuracy + m.ByTaskType["words"].Accuracy) / 2;
            m.Accuracy.Should().BeApproximately(overall, 1e-12, "each half of the completions is graded by its own task's reward");
            m.RewardMean.Should().BeApproximately((m.ByTaskType["math"].RewardMean + m.ByTaskType["words"].RewardMean) / 2, 1e-12);
        }
        result.History[^1].EvalAccuracyByTaskType.Should().NotBeNull().And.ContainKeys("math", "words");
        result.FinalEvaluation!.AccuracyByTaskType.Keys.Should().Equal("math", "words");
        logger.Lines.Should().Contain(l => l.Contains("| math: reward") && l.Contains("words: reward") && l.Contains("missing 0"));
        logger.Lines.Should().Contain(l => l.Contains("GRPO held-out accuracy by task type: math"));
    }

    [Test]
    public void Accuracy_rewards_must_name_a_reward()
    {
        var act = () => new GrpoOptions { AccuracyRewards = [] }.Validate();
        act.Should().Throw<ArgumentException>().WithMessage("*AccuracyRewards*");
        new GrpoOptions().AccuracyRewards.Should().BeNull("null means ReasoningEvaluator.DefaultAccuracyRewards");
        var copy = new GrpoOptions { AccuracyRewards = ["judge"] }.Clone();
        copy.AccuracyRewards.Should().Equal("judge");
    }
}
