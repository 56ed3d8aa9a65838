using Microsoft.ML;
using R1.MLNet.DataView;
using R1.MLNet.Reason;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rollout;

namespace R1.MLNet.Evaluate;

/// <summary>
/// Scores a policy on questions: k samples each, pass@1 and cons@k (see <see cref="EvaluationOptions"/>). A sample is correct
/// when its extracted answer matches the gold answer (<see cref="EvaluationOptions.AnswerMatcher"/>), or, when
/// <see cref="EvaluationOptions.Rewards"/> is set, when the reward pipeline's correctness reward gives it at least 1
/// (for tasks without a gold answer string, such as code with tests).
/// </summary>
internal static class PassAtKEvaluator
{
    /// <summary>Evaluates <paramref name="policy"/> on <paramref name="data"/> (prompt column plus gold-answer or reference columns).</summary>
    public static ReasoningMetrics Evaluate(Policy policy, IDataView data, EvaluationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new EvaluationOptions();
        options.Validate();
        var examples = ReadExamples(data, options, cancellationToken);
        if (examples.Count == 0)
            throw new InvalidOperationException($"Evaluate: the data view has no rows (prompt column '{options.PromptColumnName}'), so there is " +
                "nothing to evaluate; metrics over zero questions would read as 0 accuracy. Check the data view's filter or source.");
        var sampler = new CompletionSampler(policy, options.Prompt);
        var results = new List<QuestionResult>(examples.Count);
        for (int start = 0, batch = 0; start < examples.Count; start += options.BatchSize, batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = examples.Skip(start).Take(options.BatchSize).ToList();
            var sampling = options.Sampling.Clone();
            sampling.Seed = (sampling.Seed ?? 0) + batch;
            var groups = sampler.SampleGroups(chunk.Select(e => e.Prompt).ToList(), options.Samples, sampling)
                .Select(g => (IReadOnlyList<string>)g.Select(c => c.Text).ToArray()).ToList();
            var correct = options.Rewards is { } rewards
                ? RewardCorrectness(rewards, options.CorrectnessReward, chunk, groups, cancellationToken)
                : null;
            for (int i = 0; i < chunk.Count; i++)
                results.Add(Score(chunk[i].Prompt, chunk[i].Answer, groups[i], options, correct?[i], sampler.PromptOpensThink));
        }
        return new ReasoningMetrics(results, options.Samples);
    }

    /// <summary>Scores one question's sampled completions against the gold answer (pure; no model involved).</summary>
    public static QuestionResult Score(string prompt, string gold, IReadOnlyList<string> completions, EvaluationOptions options) =>
        Score(prompt, gold, completions, options, correct: null, promptOpensThink: false);

    private static QuestionResult Score(string prompt, string? gold, IReadOnlyList<string> completions, EvaluationOptions options,
        bool[]? correct, bool promptOpensThink)
    {
        ArgumentNullException.ThrowIfNull(completions);
        ArgumentNullException.ThrowIfNull(options);
        var matcher = options.AnswerMatcher;
        var answers = completions.Select(c => matcher.Extract(SampledCompletion.ForMatchingOf(c, promptOpensThink))).ToArray();
        correct ??= answers.Select(a => a != null && gold != null && matcher.AreEquivalent(a, gold)).ToArray();
        int winner = MajorityVote.Winner(answers, matcher);
        string? majority = winner < 0 ? null : answers[winner];
        return new QuestionResult(prompt, gold, answers, correct, majority, winner >= 0 && correct[winner],
            options.KeepCompletions ? completions : []);
    }

    private static List<ReasoningExample> ReadExamples(IDataView data, EvaluationOptions options, CancellationToken ct)
    {
        // Without a reward pipeline the gold answer decides correctness, so its column is required.
        var columns = new ReferenceColumns(options.PromptColumnName, options.AnswerColumnName, options.TestsColumnName,
            options.EntryPointColumnName, options.LanguageColumnName);
        if (options.Rewards is null) TextColumn.Require(data.Schema, options.AnswerColumnName, "gold answer");
        var examples = columns.ReadExamples(data, "Evaluate", ct);
        return options.MaxQuestions > 0 ? examples.Take(options.MaxQuestions).ToList() : examples;
    }

    private static bool[][] RewardCorrectness(IRewardScorer rewards, string reward, IReadOnlyList<ReasoningExample> chunk,
        IReadOnlyList<IReadOnlyList<string>> groups, CancellationToken ct)
    {
        var samples = chunk.SelectMany((e, i) => groups[i].Select(c => ReasoningEvaluator.ToRewardSample(e, c))).ToList();
        var scores = rewards.ScoreAsync(samples, ct).AsTask().GetAwaiter().GetResult();
        var flat = ReasoningEvaluator.Correctness(scores, reward);
        int k = groups.Count == 0 ? 0 : groups[0].Count;
        return chunk.Select((_, i) => flat.Skip(i * k).Take(k).ToArray()).ToArray();
    }
}
