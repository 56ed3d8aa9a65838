using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rollout;
using R1.Rollout.ChatTemplates;

namespace R1.MLNet.Recipe;

/// <summary>The per-stage held-out evaluation: greedy completions, each task type judged by its own accuracy reward.</summary>
internal static class RecipeEvaluator
{
    public static RecipeEvaluation? Evaluate(Policy policy, IRewardScorer rewards, PromptFormat prompt, IReadOnlyList<ReasoningExample> heldOut,
        RecipeEvaluationOptions options)
    {
        if (heldOut.Count == 0) return null;
        var samples = new EvaluationSample[heldOut.Count];
        var byType = new Dictionary<string, double>();
        foreach (var group in heldOut.Select((e, i) => (e, i)).GroupBy(x => x.e.TaskType ?? ""))
        {
            var examples = group.Select(x => x.e).ToList();
            var evaluator = new ReasoningEvaluator(policy, rewards, prompt, [options.AccuracyRewardFor(group.Key == "" ? null : group.Key)]);
            var result = evaluator.Evaluate(examples, options.MaxNewTokens, options.BatchSize);
            byType[group.Key] = result.Accuracy;
            foreach (var (x, sample) in group.Zip(result.Samples)) samples[x.i] = sample;
        }
        return new RecipeEvaluation
        {
            Accuracy = samples.Count(s => s.Correct) / (double)samples.Length, Examples = samples.Length, ByTaskType = byType, Samples = samples,
        };
    }
}
