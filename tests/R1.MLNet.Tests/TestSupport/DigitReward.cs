using R1.Rewards.Abstractions;

namespace R1.MLNet.Tests.TestSupport;

/// <summary>A cheap reward with spread: the fraction of digits in the completion.</summary>
internal sealed class DigitReward : RewardBase
{
    public override string Name => "digits";

    protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken ct)
    {
        double value = sample.Completion.Length == 0 ? 0 : sample.Completion.Count(char.IsDigit) / (double)sample.Completion.Length;
        return ValueTask.FromResult(RewardScore.Of(value, $"{value:0.00} digits"));
    }
}
