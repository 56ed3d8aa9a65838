using R1.Rewards.Composition;
using R1.Rollout.Generation;

namespace R1.MLNet.Training;

/// <summary>Turns one step's rewards, completions and learning outcome into <see cref="GrpoStepMetrics"/>.</summary>
internal static class GrpoMetrics
{
    /// <summary>
    /// The metrics of step <paramref name="step"/>; <paramref name="taskTypes"/> holds each completion's task type (null when none).
    /// </summary>
    public static GrpoStepMetrics Build(int step, GrpoOptions options, RewardBatchResult scores, IReadOnlyList<GenerationResult> results,
        LearnOutcome learn, IReadOnlyList<string?> taskTypes)
    {
        // Missing scores (a reward that failed) are left out: of their reward's statistics, and, through the sample's total, of the
        // reward mean and the zero-std count. With every reward present these are the plain statistics.
        var present = scores.TotalMissing.Select(m => !m).ToArray();
        var total = scores.Total.Where((_, i) => present[i]).ToArray();
        var perReward = scores.RewardNames.Select((name, r) => (name, values: scores.Scores[r].Where(s => !s.IsMissing)
                .Select(s => s.Value ?? 0.0).ToArray()))
            .ToDictionary(x => x.name, x => new RewardStatistics(Mean(x.values), Std(x.values)));
        var missingByReward = scores.RewardNames.Select((name, r) => (name, count: scores.MissingCount(r)))
            .ToDictionary(x => x.name, x => x.count);
        var correct = ReasoningEvaluator.Correctness(scores, options.AccuracyRewards ?? ReasoningEvaluator.DefaultAccuracyRewards);
        int g = options.NumGenerations, groups = present.Length / g;
        int zeroStd = Enumerable.Range(0, groups)
            .Count(i => Enumerable.Range(i * g, g).Where(j => present[j]).Select(j => scores.Total[j]).Distinct().Count() <= 1);
        return new GrpoStepMetrics
        {
            Step = step + 1,
            TotalSteps = options.MaxSteps,
            RewardMean = Mean(total),
            RewardStd = Std(total),
            Rewards = perReward,
            Accuracy = correct.Count(c => c) / (double)correct.Length,
            Kl = learn.Kl,
            ClipFraction = learn.ClipFraction,
            Entropy = learn.Entropy,
            CompletionLength = results.Average(r => r.CompletionIds.Count),
            TruncatedFraction = results.Count(r => r.FinishReason == FinishReason.Length) / (double)results.Count,
            ZeroStdFraction = zeroStd / (double)groups,
            NoSignal = zeroStd == groups,
            MissingRewards = present.Count(p => !p),
            MissingByReward = missingByReward,
            Loss = learn.Loss,
            GradNorm = learn.GradNorm,
            LearningRate = learn.LearningRate,
            Skipped = learn.Skipped,
            ByTaskType = ByTaskType(scores, correct, present, taskTypes),
        };
    }

    private static IReadOnlyDictionary<string, TaskTypeStatistics> ByTaskType(RewardBatchResult scores, bool[] correct, bool[] present,
        IReadOnlyList<string?> taskTypes) =>
        Enumerable.Range(0, correct.Length).Where(i => taskTypes[i] is not null)
            .GroupBy(i => taskTypes[i]!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new TaskTypeStatistics(g.Count(),
                Mean(g.Where(i => present[i]).Select(i => scores.Total[i]).ToArray()), g.Count(i => correct[i]) / (double)g.Count()));

    private static double Mean(double[] values) => values.Length == 0 ? double.NaN : values.Average();

    private static double Std(double[] values)
    {
        if (values.Length == 0) return double.NaN;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
