namespace R1.Rewards.Abstractions;

/// <summary>
/// Base class for rewards that score one sample at a time. Samples of a batch are scored in parallel
/// (up to <see cref="MaxDegreeOfParallelism"/>); an exception from one sample becomes a
/// <see cref="RewardScore.Missing"/> score with the exception message, so one bad completion never fails the batch.
/// </summary>
public abstract class RewardBase : IReward
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>How many samples are scored at once. Defaults to the processor count.</summary>
    protected virtual int MaxDegreeOfParallelism => Environment.ProcessorCount;

    /// <summary>Scores one sample.</summary>
    protected abstract ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardSample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var scores = new RewardScore[samples.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, samples.Count), options, async (i, ct) =>
        {
            try
            {
                scores[i] = await ScoreOneAsync(samples[i], ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                scores[i] = RewardScore.Missing($"{Name} failed: {ex.GetType().Name}: {ex.Message}");
            }
        }).ConfigureAwait(false);
        return scores;
    }
}
