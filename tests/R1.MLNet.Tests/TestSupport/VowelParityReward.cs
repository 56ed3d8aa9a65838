using R1.Rewards.Abstractions;

namespace R1.MLNet.Tests.TestSupport;

/// <summary>
/// A deterministic stand-in for a math verifier with spread on random text: "not applicable" without a gold answer, else 1 when
/// the completion has an even number of vowels and 0 otherwise. Named <c>math</c> so the default rejection-sampling rule uses it.
/// </summary>
internal sealed class VowelParityReward : RewardBase
{
    public override string Name => "math";

    protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken ct)
    {
        if (sample.Answer is null) return ValueTask.FromResult(RewardScore.NotApplicable("no gold answer"));
        int vowels = sample.Completion.Count(c => "aeiouAEIOU".Contains(c));
        return ValueTask.FromResult(vowels % 2 == 0 ? RewardScore.Of(1, $"{vowels} vowels (even)") : RewardScore.Of(0, $"{vowels} vowels (odd)"));
    }
}
