using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using R1.Rewards.Abstractions;

namespace R1.Rewards.Composition;

/// <summary>The default <see cref="IRewardScorer"/>: runs the rewards concurrently and logs a summary per reward.</summary>
public sealed class RewardScorer : IRewardScorer
{
    private readonly IReadOnlyList<IReward> _rewards;
    private readonly double[] _weights;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;

    /// <summary>Builds the scorer from the registered rewards (used by DI).</summary>
    [ActivatorUtilitiesConstructor]
    public RewardScorer(IServiceProvider services, IOptions<RewardPipelineOptions> options, ILogger<RewardScorer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var o = options.Value;
        _rewards = o.Registrations.Select(r => r.Factory(services)).ToArray();
        _weights = o.Registrations.Select(r => o.Weights.TryGetValue(r.Name, out var w) ? w : r.Weight).ToArray();
        RewardNames = o.Registrations.Select(r => r.Name).ToArray();
        _timeout = o.RewardTimeout;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Builds a scorer from explicit rewards and weights, without DI.</summary>
    public RewardScorer(IEnumerable<(IReward Reward, double Weight)> rewards, TimeSpan? timeout = null, ILogger? logger = null)
    {
        var list = rewards.ToArray();
        _rewards = list.Select(r => r.Reward).ToArray();
        _weights = list.Select(r => r.Weight).ToArray();
        RewardNames = _rewards.Select(r => r.Name).ToArray();
        _timeout = timeout ?? TimeSpan.FromMinutes(5);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> RewardNames { get; }

    /// <inheritdoc />
    public async ValueTask<RewardBatchResult> ScoreAsync(IReadOnlyList<RewardSample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var tasks = _rewards.Select(r => RunOneAsync(r, samples, cancellationToken)).ToArray();
        var scores = await Task.WhenAll(tasks).ConfigureAwait(false);
        var result = new RewardBatchResult(RewardNames, _weights, scores);
        LogSummary(result);
        return result;
    }

    private async Task<IReadOnlyList<RewardScore>> RunOneAsync(IReward reward, IReadOnlyList<RewardSample> samples, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_timeout);
        try
        {
            var scores = await Task.Run(async () => await reward.ScoreAsync(samples, cts.Token).ConfigureAwait(false), cts.Token).ConfigureAwait(false);
            if (scores.Count != samples.Count)
                return Fill(samples.Count, $"{reward.Name} returned {scores.Count} scores for {samples.Count} samples");
            return scores;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Reward {Reward} timed out after {Timeout} on a batch of {Count}", reward.Name, _timeout, samples.Count);
            return Fill(samples.Count, $"{reward.Name} timed out after {_timeout}");
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Reward {Reward} failed on a batch of {Count}", reward.Name, samples.Count);
            return Fill(samples.Count, $"{reward.Name} failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static RewardScore[] Fill(int count, string diagnostic) =>
        Enumerable.Repeat(RewardScore.NotApplicable(diagnostic), count).ToArray();

    private void LogSummary(RewardBatchResult result)
    {
        if (!_logger.IsEnabled(LogLevel.Debug)) return;
        for (int r = 0; r < result.RewardNames.Count; r++)
        {
            var applicable = result.Scores[r].Where(s => s.IsApplicable).Select(s => s.Value!.Value).ToArray();
            double mean = applicable.Length == 0 ? double.NaN : applicable.Average();
            _logger.LogDebug("Reward {Reward}: mean {Mean:0.###} over {Applicable}/{Count} applicable (weight {Weight})",
                result.RewardNames[r], mean, applicable.Length, result.Scores[r].Count, result.Weights[r]);
        }
    }
}
