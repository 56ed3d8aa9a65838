using System.Collections.Concurrent;
using R1.Rewards.Abstractions;

namespace R1.MLNet.Tests.TestSupport;

/// <summary>A reward named <c>math</c> that records the (prompt, task type) of every sample it scores and gives each a 1.</summary>
internal sealed class TaskTypeRecorder : RewardBase
{
    public ConcurrentBag<(string Prompt, string? TaskType)> Seen { get; } = [];

    public override string Name => "math";

    protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken ct)
    {
        Seen.Add((sample.Prompt, sample.TaskType));
        return ValueTask.FromResult(RewardScore.Of(1, "recorded"));
    }
}
