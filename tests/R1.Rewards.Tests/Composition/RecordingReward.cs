using System.Collections.Concurrent;
using R1.Rewards.Abstractions;

namespace R1.Rewards.Tests.Composition;

/// <summary>A reward that records every batch it is called with, delegating the scores to <paramref name="inner"/>.</summary>
internal sealed class RecordingReward(IReward inner) : IReward
{
    private readonly ConcurrentQueue<IReadOnlyList<RewardSample>> _batches = new();

    /// <summary>A recording reward that scores each sample with <paramref name="score"/>.</summary>
    public RecordingReward(string name, Func<RewardSample, double> score) : this(new FunctionReward(name, score)) { }

    public string Name => inner.Name;

    /// <summary>The batches this reward was called with, in call order.</summary>
    public IReadOnlyList<IReadOnlyList<RewardSample>> Batches => _batches.ToArray();

    /// <summary>Every sample this reward was asked to score.</summary>
    public IReadOnlyList<RewardSample> Seen => _batches.SelectMany(b => b).ToArray();

    public ValueTask<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardSample> samples, CancellationToken cancellationToken = default)
    {
        _batches.Enqueue(samples.ToArray());
        return inner.ScoreAsync(samples, cancellationToken);
    }

    private sealed class FunctionReward(string name, Func<RewardSample, double> score) : RewardBase
    {
        public override string Name => name;

        protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken cancellationToken) =>
            ValueTask.FromResult(RewardScore.Of(score(sample), $"{name} of {sample.Completion}"));
    }
}
