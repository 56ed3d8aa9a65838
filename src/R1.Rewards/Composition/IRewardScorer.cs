using R1.Rewards.Abstractions;

namespace R1.Rewards.Composition;

/// <summary>Runs every registered reward on a batch, in parallel, and combines their weighted scores.</summary>
public interface IRewardScorer
{
    /// <summary>The names of the rewards this scorer runs, in order.</summary>
    IReadOnlyList<string> RewardNames { get; }

    /// <summary>
    /// Scores the batch with every reward (or, with reward routes, with the rewards routed to each sample's task type). A reward that throws
    /// or times out yields missing scores, never an exception; only a configuration error (a task type without a route) throws.
    /// </summary>
    ValueTask<RewardBatchResult> ScoreAsync(IReadOnlyList<RewardSample> samples, CancellationToken cancellationToken = default);
}
