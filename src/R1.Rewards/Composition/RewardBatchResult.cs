using R1.Rewards.Abstractions;

namespace R1.Rewards.Composition;

/// <summary>The scores of a batch: one row per reward, the weights used, and the weighted total per sample.</summary>
public sealed class RewardBatchResult
{
    internal RewardBatchResult(IReadOnlyList<string> names, IReadOnlyList<double> weights, IReadOnlyList<IReadOnlyList<RewardScore>> scores)
    {
        RewardNames = names;
        Weights = weights;
        Scores = scores;
        int n = scores.Count == 0 ? 0 : scores[0].Count;
        var total = new double[n];
        var missing = new bool[n];
        for (int r = 0; r < scores.Count; r++)
            for (int i = 0; i < n; i++)
            {
                total[i] += weights[r] * (scores[r][i].Value ?? 0.0);
                if (scores[r][i].IsMissing && weights[r] != 0) missing[i] = true;
            }
        Total = total;
        TotalMissing = missing;
    }

    /// <summary>Reward names, in registration order.</summary>
    public IReadOnlyList<string> RewardNames { get; }

    /// <summary>The weight of each reward, aligned with <see cref="RewardNames"/>.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary><c>Scores[r][i]</c>: reward <c>r</c>'s score of sample <c>i</c>, with its diagnostic.</summary>
    public IReadOnlyList<IReadOnlyList<RewardScore>> Scores { get; }

    /// <summary>
    /// The weighted total per sample; a "not applicable" score counts as 0. Where <see cref="TotalMissing"/> is set the total covers
    /// only the rewards that are present and should not be compared with the others.
    /// </summary>
    public IReadOnlyList<double> Total { get; }

    /// <summary>
    /// Per sample: whether a reward with a non-zero weight is missing (<see cref="RewardScore.IsMissing"/>: it failed, timed out or gave a
    /// non-finite or absurd value), so the sample's <see cref="Total"/> is incomplete. GRPO gives such a sample advantage 0 and leaves it
    /// out of its group's normalisation and of the loss.
    /// </summary>
    public IReadOnlyList<bool> TotalMissing { get; }

    /// <summary>How many samples reward <paramref name="reward"/> (an index into <see cref="RewardNames"/>) is missing for.</summary>
    public int MissingCount(int reward) => Scores[reward].Count(s => s.IsMissing);

    /// <summary>The scores of the reward named <paramref name="name"/>.</summary>
    public IReadOnlyList<RewardScore> this[string name]
    {
        get
        {
            for (int r = 0; r < RewardNames.Count; r++)
                if (string.Equals(RewardNames[r], name, StringComparison.OrdinalIgnoreCase)) return Scores[r];
            throw new KeyNotFoundException($"No reward named '{name}' in this result; rewards: {string.Join(", ", RewardNames)}.");
        }
    }
}
