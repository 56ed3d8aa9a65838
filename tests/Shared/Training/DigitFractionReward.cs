using R1.Rewards.Abstractions;

namespace R1.Tests.Shared;

/// <summary>A reward with plenty of variance for trainer tests, even on a random model: the fraction of digits in the completion.</summary>
internal sealed class DigitFractionReward : RewardBase
{
    /// <inheritdoc />
    public override string Name => "digits";

    /// <inheritdoc />
    protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken cancellationToken) =>
        ValueTask.FromResult(RewardScore.Of(
            sample.Completion.Length == 0 ? 0 : sample.Completion.Count(char.IsDigit) / (double)sample.Completion.Length, "digits"));
}
