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
        var tasks = _rewards.Select(r => TimedAsync(r, samples, cancellationToken)).ToArray();
        var runs = await Task.WhenAll(tasks).ConfigureAwait(false);
        var result = new RewardBatchResult(RewardNames, _weights, runs.Select(r => r.Scores).ToArray());
        LogSummary(result, runs.Select(r => r.Elapsed).ToArray());
        return result;
    }

    private async Task<(IReadOnlyList<RewardScore> Scores, TimeSpan Elapsed)> TimedAsync(IReward reward, IReadOnlyList<RewardSample> samples,
        CancellationToken cancellationToken)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var scores = await RunOneAsync(reward, samples, cancellationToken).ConfigureAwait(false);
        return (scores, System.Diagnostics.Stopwatch.GetElapsedTime(start));
    }

    private async Task<IReadOnlyList<RewardScore>> RunOneAsync(IReward reward, IReadOnlyList<RewardSample> samples,
        CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_timeout);
        try
        {
            var scores = await Task.Run(async () => await reward.ScoreAsync(samples, cts.Token).ConfigureAwait(false), cts.Token)
                .ConfigureAwait(false);
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

    /// <summary>
    /// Logs one Debug line per reward: mean of the applicable scores, how many applied, the weight, the time taken, and the
    /// most frequent "not applicable" reason (the diagnostics say why a reward did not apply).
    /// </summary>
    private void LogSummary(RewardBatchResult result, TimeSpan[] elapsed)
    {
        if (!_logger.IsEnabled(LogLevel.Debug)) return;
        for (int r = 0; r < result.RewardNames.Count; r++)
        {
            var scores = result.Scores[r];
            var applicable = scores.Where(s => s.IsApplicable).Select(s => s.Value!.Value).ToArray();
            double mean = applicable.Length == 0 ? double.NaN : applicable.Average();
            string? topReason = scores.Where(s => !s.IsApplicable).GroupBy(s => s.Diagnostic)
                .OrderByDescending(g => g.Count()).Select(g => $"{g.Count()}x {g.Key}").FirstOrDefault();
            _logger.LogDebug("Reward {Reward}: mean {Mean:0.###} over {Applicable}/{Count} applicable (weight {Weight}) in {ElapsedMs:0} ms"
                + "{NotApplicable}",
                result.RewardNames[r], mean, applicable.Length, scores.Count, result.Weights[r], elapsed[r].TotalMilliseconds,
                topReason == null ? "" : $"; not applicable: {topReason}");
        }
    }
}
