using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Generation;

namespace R1.MLNet.Training;

/// <summary>
/// Measures a policy's accuracy on held-out examples: greedy completions (batched), scored by the reward pipeline; an example
/// is correct when the first accuracy reward that applies to it gives it at least 1 (or, when the pipeline has none of the accuracy
/// rewards, when the total reward is positive). With rewards routed by task type, each row is graded by its own accuracy reward
/// (<c>math</c> for math rows, <c>judge</c> for general ones), and <see cref="EvaluationResult.AccuracyByTaskType"/> splits the result.
/// </summary>
public sealed class ReasoningEvaluator
{
    private readonly IRewardScorer _rewards;
    private readonly CompletionSampler _sampler;
    private readonly IReadOnlyList<string> _accuracyRewards;

    /// <summary>The rewards that decide correctness by default, in order: <c>math</c>, <c>code</c>, <c>judge</c>.</summary>
    public static IReadOnlyList<string> DefaultAccuracyRewards { get; } = ["math", "code", "judge"];

    /// <summary>Creates an evaluator.</summary>
    /// <param name="policy">The model to evaluate (not owned).</param>
    /// <param name="rewards">The reward pipeline.</param>
    /// <param name="prompt">
    /// How questions become model input (the template and a prefilled completion prefix). Default <see cref="PromptFormat.R1Zero"/>.
    /// </param>
    /// <param name="accuracyRewards">
    /// The rewards that decide correctness, in order (the first that applies to a row decides). Default <see cref="DefaultAccuracyRewards"/>.
    /// </param>
    public ReasoningEvaluator(Policy policy, IRewardScorer rewards, PromptFormat? prompt = null, IReadOnlyList<string>? accuracyRewards = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _rewards = rewards ?? throw new ArgumentNullException(nameof(rewards));
        _sampler = new CompletionSampler(policy, prompt ?? PromptFormat.R1Zero);
        _accuracyRewards = accuracyRewards is null ? DefaultAccuracyRewards : [.. accuracyRewards];
        if (_accuracyRewards.Count == 0) throw new ArgumentException("Name at least one accuracy reward.", nameof(accuracyRewards));
    }

    /// <summary>Greedy accuracy on <paramref name="examples"/>, in batches of <paramref name="batchSize"/>.</summary>
    public EvaluationResult Evaluate(IReadOnlyList<ReasoningExample> examples, int maxNewTokens, int batchSize = 256,
        CancellationToken ct = default) =>
        Run(examples, new SamplingOptions { MaxNewTokens = maxNewTokens, Greedy = true }, samplesPerExample: 1, batchSize, ct);

    /// <summary>
    /// pass@1 estimated from <paramref name="samplesPerExample"/> samples per example at <paramref name="temperature"/> (seeded):
    /// the mean correctness over all samples. <see cref="EvaluationResult.Samples"/> holds every sample, example by example.
    /// </summary>
    public EvaluationResult EvaluateSampled(IReadOnlyList<ReasoningExample> examples, int maxNewTokens, int samplesPerExample,
        double temperature = 1.0, long seed = 0, int batchSize = 256, CancellationToken ct = default)
    {
        if (samplesPerExample < 1)
            throw new ArgumentOutOfRangeException(nameof(samplesPerExample), samplesPerExample, "Take at least one sample per example.");
        return Run(examples, new SamplingOptions { MaxNewTokens = maxNewTokens, Temperature = temperature, Seed = seed },
            samplesPerExample, batchSize, ct);
    }

    private EvaluationResult Run(IReadOnlyList<ReasoningExample> examples, SamplingOptions sampling, int samplesPerExample, int batchSize,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0) throw new ArgumentException("Nothing to evaluate: the example list is empty.", nameof(examples));
        var rows = examples.SelectMany(e => Enumerable.Repeat(e, samplesPerExample)).ToList();
        var texts = new List<string>(rows.Count);
        int chunkIndex = 0;
        foreach (var chunk in rows.Chunk(batchSize))
        {
            ct.ThrowIfCancellationRequested();
            var options = sampling.Clone();
            if (options.Seed is { } seed) options.Seed = seed + chunkIndex++;
            texts.AddRange(_sampler.Sample(chunk.Select(e => e.Prompt).ToList(), options).Select(c => c.Text));
        }
        var scores = _rewards.ScoreAsync(rows.Select((e, i) => ToRewardSample(e, texts[i])).ToList(), ct).AsTask().GetAwaiter().GetResult();
        var correct = Correctness(scores, _accuracyRewards);
        var results = rows.Select((e, i) => new EvaluationSample(e, texts[i], correct[i])).ToList();
        return new EvaluationResult(correct.Count(c => c) / (double)rows.Count, results);
    }

    /// <summary>The reward sample for <paramref name="example"/> answered by <paramref name="completion"/>.</summary>
    public static RewardSample ToRewardSample(ReasoningExample example, string completion) => new()
    {
        Prompt = example.Prompt, Completion = completion, Answer = example.Answer, Tests = example.Tests,
        EntryPoint = example.EntryPoint, Language = example.Language, TaskType = example.TaskType,
    };

    /// <summary>
    /// Per sample: whether <paramref name="accuracyReward"/> scored at least 1 (or the total is positive when that reward is absent).
    /// </summary>
    public static bool[] Correctness(RewardBatchResult scores, string accuracyReward)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accuracyReward);
        return Correctness(scores, [accuracyReward]);
    }

    /// <summary>
    /// Per sample: whether the first of <paramref name="accuracyRewards"/> that applies to it scored at least 1 (false when none
    /// applies); when the pipeline has none of these rewards, whether the total is positive.
    /// </summary>
    public static bool[] Correctness(RewardBatchResult scores, IReadOnlyList<string> accuracyRewards)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(accuracyRewards);
        var names = scores.RewardNames.ToList();
        var indices = accuracyRewards.Select(a => names.FindIndex(n => string.Equals(n, a, StringComparison.OrdinalIgnoreCase)))
            .Where(i => i >= 0).Distinct().ToArray();
        if (indices.Length == 0) return scores.Total.Select(t => t > 0).ToArray();
        return Enumerable.Range(0, scores.Total.Count)
            .Select(i => indices.Select(r => scores.Scores[r][i]).FirstOrDefault(s => s.IsApplicable) is { IsApplicable: true } first
                && first.Value >= 1.0 - 1e-9)
            .ToArray();
    }
}
