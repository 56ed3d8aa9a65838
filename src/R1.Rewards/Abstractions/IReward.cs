namespace R1.Rewards.Abstractions;

/// <summary>
/// A reward function: scores a batch of completions against each prompt's reference data.
/// Implementations are thread-safe, honour cancellation, and never throw for bad completions:
/// they return a zero or "not applicable" score with a diagnostic instead.
/// </summary>
public interface IReward
{
    /// <summary>A short stable name used in metrics, logs, weights and configuration (for example <c>math</c>).</summary>
    string Name { get; }

    /// <summary>Scores every sample; the result has exactly one entry per sample, in order.</summary>
    ValueTask<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardSample> samples, CancellationToken cancellationToken = default);
}
