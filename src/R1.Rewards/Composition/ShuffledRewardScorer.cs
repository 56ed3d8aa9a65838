using R1.Rewards.Abstractions;

namespace R1.Rewards.Composition;

/// <summary>
/// An ablation control: every completion receives the honest reward of a randomly chosen other completion of the batch
/// (a random permutation per call), so rewards keep their distribution but carry no information about the completion.
/// A run trained on it should not learn; one that does is learning from something other than the reward signal.
/// Register it with <see cref="ReasoningRewardsBuilder.UseShuffledRewards"/>.
/// </summary>
public sealed class ShuffledRewardScorer : IRewardScorer
{
    private readonly IRewardScorer _inner;
    private readonly Random _rng;

    /// <summary>Wraps <paramref name="inner"/>; the permutations are deterministic in <paramref name="seed"/>.</summary>
    public ShuffledRewardScorer(IRewardScorer inner, int seed)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _rng = new Random(seed);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> RewardNames => _inner.RewardNames;

    /// <inheritdoc />
    public ValueTask<RewardBatchResult> ScoreAsync(IReadOnlyList<RewardSample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var permutation = Enumerable.Range(0, samples.Count).ToArray();
        _rng.Shuffle(permutation);
        return _inner.ScoreAsync(permutation.Select(i => samples[i]).ToList(), cancellationToken);   // position j gets sample perm[j]'s reward
    }
}
