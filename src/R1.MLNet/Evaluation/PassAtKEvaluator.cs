using Microsoft.ML;
using R1.MLNet.Data;
using R1.MLNet.Inference;
using R1.Rollout;

namespace R1.MLNet.Evaluation;

/// <summary>Scores a policy on questions with gold answers: k samples each, pass@1 and cons@k (see <see cref="EvaluationOptions"/>).</summary>
public static class PassAtKEvaluator
{
    /// <summary>Evaluates <paramref name="policy"/> on the prompt and gold-answer columns of <paramref name="data"/>.</summary>
    public static ReasoningMetrics Evaluate(Policy policy, IDataView data, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new EvaluationOptions();
        options.Validate();
        TextColumn.Require(data.Schema, options.PromptColumnName, "prompt");
        TextColumn.Require(data.Schema, options.AnswerColumnName, "gold answer");
        var rows = TextColumnReader.Read(data, [options.PromptColumnName, options.AnswerColumnName], cancellationToken);
        int count = options.MaxQuestions > 0 ? Math.Min(options.MaxQuestions, rows.Count) : rows.Count;
        var sampling = options.ToSampling();
        var results = new List<QuestionResult>(count);
        for (int start = 0, batch = 0; start < count; start += options.BatchSize, batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = rows.Skip(start).Take(Math.Min(options.BatchSize, count - start)).ToList();
            var groups = CompletionSampler.SampleGroups(policy, chunk.Select(r => r[0]!).ToList(), options.Samples, sampling, options.Seed + batch);
            for (int i = 0; i < chunk.Count; i++)
                results.Add(Score(chunk[i][0]!, chunk[i][1]!, groups[i], options));
        }
        return new ReasoningMetrics(results, options.Samples);
    }

    /// <summary>Scores one question's sampled completions against the gold answer (pure; no model involved).</summary>
    public static QuestionResult Score(string prompt, string gold, IReadOnlyList<string> completions, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(completions);
        ArgumentNullException.ThrowIfNull(options);
        var matcher = options.AnswerMatcher;
        var answers = completions.Select(matcher.Extract).ToArray();
        var correct = answers.Select(a => a != null && matcher.AreEquivalent(a, gold)).ToArray();
        int winner = MajorityVote.Winner(answers, matcher);
        string? majority = winner < 0 ? null : answers[winner];
        return new QuestionResult(prompt, gold, answers, correct, majority, winner >= 0 && correct[winner],
            options.KeepCompletions ? completions : []);
    }
}
