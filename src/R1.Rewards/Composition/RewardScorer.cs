using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using R1.Rewards.Abstractions;

namespace R1.Rewards.Composition;

/// <summary>
/// The default <see cref="IRewardScorer"/>: runs the rewards concurrently and logs a summary per reward. With reward routes
/// (<see cref="ReasoningRewardsBuilder.Route"/>, <see cref="RewardPipelineOptions.Routes"/>) each reward is called only with the samples
/// routed to it (in batch order; not at all when none is) and the other samples get "not applicable" (<c>not routed for task type 'x'</c>);
/// a sample without a task type is scored by every reward.
/// </summary>
public sealed class RewardScorer : IRewardScorer
{
    private readonly IReadOnlyList<IReward> _rewards;
    private readonly double[] _weights;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly RewardRoutes _routes;

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
        _routes = RewardRoutes.Create(RewardNames, o.EffectiveRoutes());
    }

    /// <summary>Builds a scorer from explicit rewards and weights, without DI.</summary>
    /// <param name="rewards">The rewards and their weights.</param>
    /// <param name="timeout">The longest time one reward may take on one batch. Default: 5 minutes.</param>
    /// <param name="logger">Where warnings and summaries go. Default: none.</param>
    /// <param name="routes">Reward names by task type, as <see cref="RewardPipelineOptions.Routes"/>. Default: none (every reward scores
    /// every sample).</param>
    /// <exception cref="InvalidOperationException">A route names a reward that is not among <paramref name="rewards"/>.</exception>
    public RewardScorer(IEnumerable<(IReward Reward, double Weight)> rewards, TimeSpan? timeout = null, ILogger? logger = null,
        IReadOnlyDictionary<string, string[]>? routes = null)
    {
        var list = rewards.ToArray();
        _rewards = list.Select(r => r.Reward).ToArray();
        _weights = list.Select(r => r.Weight).ToArray();
        RewardNames = _rewards.Select(r => r.Name).ToArray();
        _timeout = timeout ?? TimeSpan.FromMinutes(5);
        _logger = logger ?? NullLogger.Instance;
        _routes = RewardRoutes.Create(RewardNames, routes);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> RewardNames { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Routes exist and a sample's task type has none (and there is no fallback route
    /// <c>*</c>): a configuration error, raised before any reward runs.</exception>
    public async ValueTask<RewardBatchResult> ScoreAsync(IReadOnlyList<RewardSample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var routed = samples.Select(s => _routes.RoutedFor(s.TaskType)).ToArray();
        var tasks = _rewards.Select((r, i) => RoutedAsync(r, i, samples, routed, cancellationToken)).ToArray();
        var runs = await Task.WhenAll(tasks).ConfigureAwait(false);
        var result = new RewardBatchResult(RewardNames, _weights, runs.Select(r => r.Scores).ToArray());
        for (int r = 0; r < runs.Length; r++)
            if (!runs[r].Logged) WarnMissing(RewardNames[r], result.Scores[r]);
        LogSummary(result, runs.Select(r => r.Elapsed).ToArray());
        return result;
    }

    /// <summary>
    /// The largest score magnitude accepted: a reward value that is NaN, infinite or beyond ±1e6 is treated as missing (with a warning
    /// naming the reward and the samples), since no sensible reward is that large and one such value would swamp its group's statistics.
    /// </summary>
    public const double MaxAbsoluteScore = 1e6;

    /// <summary>Runs reward <paramref name="index"/> on the samples routed to it and scatters its scores back; the others are "not
    /// routed".</summary>
    private async Task<(IReadOnlyList<RewardScore> Scores, TimeSpan Elapsed, bool Logged)> RoutedAsync(IReward reward, int index,
        IReadOnlyList<RewardSample> samples, IReadOnlyList<bool>?[] routed, CancellationToken cancellationToken)
    {
        var subset = Enumerable.Range(0, samples.Count).Where(i => routed[i]?[index] ?? true).ToArray();
        if (subset.Length == samples.Count) return await TimedAsync(reward, samples, cancellationToken).ConfigureAwait(false);
        var scores = new RewardScore[samples.Count];
        for (int i = 0; i < scores.Length; i++)
            scores[i] = RewardScore.NotApplicable($"not routed for task type '{samples[i].TaskType}'");
        if (subset.Length == 0) return (scores, TimeSpan.Zero, false);
        var run = await TimedAsync(reward, subset.Select(i => samples[i]).ToArray(), cancellationToken).ConfigureAwait(false);
        for (int k = 0; k < subset.Length; k++) scores[subset[k]] = run.Scores[k];
        return (scores, run.Elapsed, run.Logged);
    }

    private async Task<(IReadOnlyList<RewardScore> Scores, TimeSpan Elapsed, bool Logged)> TimedAsync(IReward reward,
        IReadOnlyList<RewardSample> samples, CancellationToken cancellationToken)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var (scores, logged) = await RunOneAsync(reward, samples, cancellationToken).ConfigureAwait(false);
        return (scores, System.Diagnostics.Stopwatch.GetElapsedTime(start), logged);
    }

    /// <summary>
    /// Runs one reward on the batch under the timeout, whether or not the reward observes its token: a reward still running when the
    /// timeout passes is abandoned (left to finish in the background) and all its scores are missing. <c>Logged</c>: a batch-level
    /// failure was already logged.
    /// </summary>
    private async Task<(IReadOnlyList<RewardScore> Scores, bool Logged)> RunOneAsync(IReward reward, IReadOnlyList<RewardSample> samples,
        CancellationToken cancellationToken)
    {
        try
        {
            var scores = await BoundedCall.RunAsync(token => reward.ScoreAsync(samples, token).AsTask(), _timeout, cancellationToken)
                .ConfigureAwait(false);
            if (scores.Count != samples.Count)
            {
                _logger.LogWarning("Reward {Reward} returned {Returned} scores for a batch of {Count}; all its scores are missing",
                    reward.Name, scores.Count, samples.Count);
                return (Fill(samples.Count, $"{reward.Name} returned {scores.Count} scores for {samples.Count} samples"), true);
            }
            return (scores.Select(score => Validate(reward.Name, score)).ToArray(), false);
        }
        catch (CallTimedOutException ex)
        {
            _logger.LogWarning("Reward {Reward} timed out after {Timeout} on a batch of {Count}{Abandoned}; all its scores are missing",
                reward.Name, _timeout, samples.Count, ex.Abandoned ? " and was abandoned (it ignores cancellation)" : "");
            return (Fill(samples.Count, $"{reward.Name} timed out after {_timeout}"), true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Reward {Reward} failed on a batch of {Count}; all its scores are missing", reward.Name, samples.Count);
            return (Fill(samples.Count, $"{reward.Name} failed: {ex.GetType().Name}: {ex.Message}"), true);
        }
    }

    /// <summary>A finite value within ±<see cref="MaxAbsoluteScore"/> passes; anything else becomes a missing score.</summary>
    private static RewardScore Validate(string reward, RewardScore score) =>
        score.Value is { } v && (!double.IsFinite(v) || System.Math.Abs(v) > MaxAbsoluteScore)
            ? RewardScore.Missing($"{reward} gave an invalid score {v} (not finite or beyond ±{MaxAbsoluteScore:0e0}): {score.Diagnostic}")
            : score;

    private static RewardScore[] Fill(int count, string diagnostic) =>
        Enumerable.Repeat(RewardScore.Missing(diagnostic), count).ToArray();

    /// <summary>One warning per reward and batch for scores missing on some samples: how many, which samples, and the main reasons.</summary>
    private void WarnMissing(string reward, IReadOnlyList<RewardScore> scores)
    {
        var missing = Enumerable.Range(0, scores.Count).Where(i => scores[i].IsMissing).ToArray();
        if (missing.Length == 0) return;
        string indices = string.Join(", ", missing.Take(10)) + (missing.Length > 10 ? $", … ({missing.Length - 10} more)" : "");
        string reasons = string.Join("; ", missing.GroupBy(i => scores[i].Diagnostic).OrderByDescending(g => g.Count()).Take(3)
            .Select(g => $"{g.Count()}x {g.Key}"));
        _logger.LogWarning("Reward {Reward}: {Missing}/{Count} scores missing (samples {Samples}): {Reasons}",
            reward, missing.Length, scores.Count, indices, reasons);
    }

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
            string? topReason = scores.Where(s => !s.IsApplicable && !s.IsMissing).GroupBy(s => s.Diagnostic)
                .OrderByDescending(g => g.Count()).Select(g => $"{g.Count()}x {g.Key}").FirstOrDefault();
            _logger.LogDebug("Reward {Reward}: mean {Mean:0.###} over {Applicable}/{Count} applicable (weight {Weight}) in {ElapsedMs:0} ms"
                + "{NotApplicable}",
                result.RewardNames[r], mean, applicable.Length, scores.Count, result.Weights[r], elapsed[r].TotalMilliseconds,
                topReason == null ? "" : $"; not applicable: {topReason}");
        }
    }
}
