using R1.Rewards.Composition;
using R1.Rollout.Generation;

namespace R1.MLNet.Training;

/// <summary>Turns one step's rewards, completions and learning outcome into <see cref="GrpoStepMetrics"/>.</summary>
internal static class GrpoMetrics
{
    public static GrpoStepMetrics Build(int step, GrpoOptions options, RewardBatchResult scores, IReadOnlyList<GenerationResult> results,
        LearnOutcome learn)
    {
        var total = scores.Total.ToArray();
        var perReward = scores.RewardNames.Select((name, r) => (name, values: scores.Scores[r].Select(s => s.Value ?? 0.0).ToArray()))
            .ToDictionary(x => x.name, x => new RewardStatistics(x.values.Average(), Std(x.values)));
        var correct = ReasoningEvaluator.Correctness(scores, options.AccuracyReward);
        int g = options.NumGenerations, groups = total.Length / g;
        int zeroStd = Enumerable.Range(0, groups).Count(i => total.Skip(i * g).Take(g).Distinct().Count() == 1);
        return new GrpoStepMetrics
        {
            Step = step + 1,
            TotalSteps = options.MaxSteps,
            RewardMean = total.Average(),
            RewardStd = Std(total),
            Rewards = perReward,
            Accuracy = correct.Count(c => c) / (double)correct.Length,
            Kl = learn.Kl,
            ClipFraction = learn.ClipFraction,
            Entropy = learn.Entropy,
            CompletionLength = results.Average(r => r.CompletionIds.Count),
            TruncatedFraction = results.Count(r => r.FinishReason == FinishReason.Length) / (double)results.Count,
            ZeroStdFraction = zeroStd / (double)groups,
            Loss = learn.Loss,
            GradNorm = learn.GradNorm,
            LearningRate = learn.LearningRate,
            Skipped = learn.Skipped,
        };
    }

    private static double Std(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
