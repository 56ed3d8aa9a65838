using R1.Rewards.Abstractions;

namespace R1.Rewards.Composition;

/// <summary>Runs every registered reward on a batch, in parallel, and combines their weighted scores.</summary>
public interface IRewardScorer
{
    /// <summary>The names of the rewards this scorer runs, in order.</summary>
    IReadOnlyList<string> RewardNames { get; }

    /// <summary>Scores the batch with every reward. A reward that throws or times out yields "not applicable" scores, never an exception.</summary>
    ValueTask<RewardBatchResult> ScoreAsync(IReadOnlyList<RewardSample> samples, CancellationToken cancellationToken = default);
}
