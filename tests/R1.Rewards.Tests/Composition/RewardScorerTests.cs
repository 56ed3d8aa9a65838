using Microsoft.Extensions.DependencyInjection;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;

namespace R1.Rewards.Tests.Composition;

public class RewardScorerTests
{
    private sealed class ConstantReward(string name, double value) : RewardBase
    {
        public override string Name => name;
        protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken ct) =>
            ValueTask.FromResult(RewardScore.Of(value, $"constant {value}"));
    }

    private sealed class ThrowingReward : IReward
    {
        public string Name => "boom";
        public ValueTask<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardSample> s, CancellationToken ct) =>
            throw new InvalidOperationException("reward exploded");
    }

    private static readonly RewardSample[] Batch =
    [
        new() { Prompt = "1+1?", Completion = "2" },
        new() { Prompt = "2+2?", Completion = "4" },
    ];

    [Test]
    public async Task Weighted_total_combines_rewards_and_registering_twice_keeps_one()
    {
        var services = new ServiceCollection();
        services.AddReasoningRewards(b => b.Add(new ConstantReward("a", 1.0), weight: 2.0).Add(new ConstantReward("b", 0.5), weight: 1.0));
        services.AddReasoningRewards(b => b.Add(new ConstantReward("a", 1.0), weight: 2.0));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync(Batch);

        result.RewardNames.Should().Equal("a", "b");
        result.Total.Should().Equal(2.5, 2.5);
        result["b"][0].Diagnostic.Should().Be("constant 0.5");
    }

    [Test]
    public async Task A_throwing_reward_yields_not_applicable_instead_of_an_exception()
    {
        var scorer = new RewardScorer([(new ThrowingReward(), 1.0), (new ConstantReward("ok", 1.0), 1.0)]);

        var result = await scorer.ScoreAsync(Batch);

        result["boom"].Should().OnlyContain(s => !s.IsApplicable && s.Diagnostic.Contains("reward exploded"));
        result.Total.Should().Equal(1.0, 1.0);
    }
}
