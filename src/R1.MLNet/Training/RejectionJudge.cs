using System.Text.RegularExpressions;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rewards.Readability;

namespace R1.MLNet.Training;

/// <summary>
/// Decides which samples of a batch <see cref="RejectionSampler"/> keeps, in the documented order: teacher error, then the rewards
/// (<see cref="RejectionSamplingOptions.MinScores"/>, <see cref="RejectionSamplingOptions.MinTotal"/>), then the readability filters in
/// list order (the first failure is the reason), then duplicates (per prompt), then <see cref="RejectionSamplingOptions.MaxKeptPerPrompt"/>.
/// </summary>
internal sealed partial class RejectionJudge(IRewardScorer rewards, RejectionSamplingOptions options)
{
    /// <summary>The rows of one batch, prompt by prompt and sample by sample.</summary>
    public List<RejectionSampleRow> Judge(IReadOnlyList<ReasoningExample> batch, int firstPrompt,
        IReadOnlyList<IReadOnlyList<TeacherSample>> samples, CancellationToken ct)
    {
        var flat = samples.SelectMany((group, i) => group.Select(s => (Example: batch[i], Sample: s))).ToList();
        var scored = flat.Where(f => f.Sample.Error is null).Select(f => ReasoningEvaluator.ToRewardSample(f.Example, f.Sample.Completion)).ToList();
        var scores = scored.Count == 0 ? null : rewards.ScoreAsync(scored, ct).AsTask().GetAwaiter().GetResult();
        var rows = new List<RejectionSampleRow>(flat.Count);
        int scoredIndex = 0, k = options.SamplesPerPrompt;
        for (int i = 0; i < batch.Count; i++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int kept = 0;
            for (int j = 0; j < k; j++)
            {
                var (example, sample) = flat[i * k + j];
                var row = Row(firstPrompt + i, j, example, sample);
                if (sample.Error is not null)
                {
                    rows.Add(Drop(row, RejectionDropReason.TeacherError, sample.Error));
                    continue;
                }
                int s = scoredIndex++;
                row = row with { Scores = ScoresOf(scores!, s), Total = scores!.Total[s] };
                string normalized = Normalize(sample.Completion);
                var drop = CheckRewards(scores!, s) ?? CheckFilters(scored[s]) ?? CheckKeep(seen.Contains(normalized), kept);
                if (drop is { } d) rows.Add(Drop(row, d.Reason, d.Detail));
                else
                {
                    kept++;
                    seen.Add(normalized);
                    rows.Add(row with { Kept = true });
                }
            }
        }
        return rows;
    }

    private (string Reason, string Detail)? CheckRewards(RewardBatchResult scores, int s)
    {
        int applicable = 0;
        var notApplicable = new List<string>();
        for (int r = 0; r < scores.RewardNames.Count; r++)
        {
            string name = scores.RewardNames[r];
            if (!options.MinScores.TryGetValue(name, out double min)) continue;
            var score = scores.Scores[r][s];
            if (score.IsMissing) return (RejectionDropReason.Reward(name), $"missing: {score.Diagnostic}");
            if (score.Value is not { } value)
            {
                notApplicable.Add($"{name}: {score.Diagnostic}");
                continue;
            }
            applicable++;
            if (value < min - 1e-9) return (RejectionDropReason.Reward(name), $"{value:0.###} < {min:0.###}: {score.Diagnostic}");
        }
        if (options.MinScores.Count > 0 && applicable == 0)
            return (RejectionDropReason.NoneApplicable, notApplicable.Count == 0
                ? "the pipeline has none of the MinScores rewards" : "not applicable: " + string.Join("; ", notApplicable));
        if (options.MinTotal is not { } minTotal) return null;
        if (scores.TotalMissing[s]) return (RejectionDropReason.Total, "missing: a weighted reward failed, so the total is incomplete");
        double total = scores.Total[s];
        return total < minTotal - 1e-9 ? (RejectionDropReason.Total, $"total {total:0.###} < {minTotal:0.###}") : null;
    }

    private (string Reason, string Detail)? CheckKeep(bool duplicate, int kept) =>
        options.Deduplicate && duplicate ? (RejectionDropReason.Duplicate, "the same completion (whitespace aside) is already kept for this prompt")
        : kept >= options.MaxKeptPerPrompt ? (RejectionDropReason.MaxKept, $"{kept} samples already kept for this prompt (MaxKeptPerPrompt)")
        : null;

    private (string Reason, string Detail)? CheckFilters(RewardSample sample)
    {
        foreach (var filter in options.Filters)
        {
            ReadabilityVerdict verdict;
            try
            {
                verdict = filter.Check(sample);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                verdict = ReadabilityVerdict.Fail($"the filter threw {ex.GetType().Name}: {ex.Message}");
            }
            if (!verdict.Passed) return (RejectionDropReason.Filter(filter.Name), verdict.Reason);
        }
        return null;
    }

    private static RejectionSampleRow Row(int prompt, int sample, ReasoningExample e, TeacherSample s) => new()
    {
        PromptIndex = prompt, SampleIndex = sample, Prompt = e.Prompt, Response = s.Response, Completion = s.Completion,
        Answer = e.Answer, Tests = e.Tests, EntryPoint = e.EntryPoint, Language = e.Language, TaskType = e.TaskType,
    };

    private static RejectionSampleRow Drop(RejectionSampleRow row, string reason, string detail) =>
        row with { Kept = false, DropReason = reason, DropDetail = detail };

    private static Dictionary<string, double?> ScoresOf(RewardBatchResult scores, int s)
    {
        var result = new Dictionary<string, double?>(StringComparer.OrdinalIgnoreCase);
        for (int r = 0; r < scores.RewardNames.Count; r++) result[scores.RewardNames[r]] = scores.Scores[r][s].Value;
        return result;
    }

    /// <summary>The text duplicates are compared by: trimmed, every whitespace run one space.</summary>
    internal static string Normalize(string completion) => Whitespace().Replace(completion.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
