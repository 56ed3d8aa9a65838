using Microsoft.Extensions.DependencyInjection;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rewards.Math;

namespace R1.Rewards.Tests.Composition;

public class ReasoningRewardsBuilderUseTests
{
    private static readonly RewardSample[] Batch =
    [
        new() { Prompt = "1+1?", Completion = "<think>1+1</think><answer>2</answer>", Answer = "2" },
        new() { Prompt = "2+2?", Completion = "<think>2+2</think><answer>5</answer>", Answer = "4" },
    ];

    /// <summary>Adds <paramref name="offset"/> to every total and records the order in which wrappers see a batch.</summary>
    private sealed class OffsetScorer(IRewardScorer inner, double offset, List<string>? calls = null, string name = "") : IRewardScorer
    {
        public IRewardScorer Inner { get; } = inner;

        public IReadOnlyList<string> RewardNames => Inner.RewardNames;

        public async ValueTask<RewardBatchResult> ScoreAsync(IReadOnlyList<RewardSample> samples, CancellationToken cancellationToken = default)
        {
            calls?.Add(name + " before");
            var result = await Inner.ScoreAsync(samples, cancellationToken);
            calls?.Add(name + " after");
            return new Shifted(result, offset).Result;
        }
    }

    // Rebuilds a result with an extra constant reward whose weighted score is the offset, so every total moves by it.
    private sealed class Shifted(RewardBatchResult inner, double offset)
    {
        public RewardBatchResult Result { get; } = new(
            [.. inner.RewardNames, "offset"],
            [.. inner.Weights, 1.0],
            [.. inner.Scores, inner.Total.Select(_ => RewardScore.Of(offset, "offset")).ToArray()]);
    }

    [Test]
    public async Task The_resolved_scorer_is_the_wrapped_one_and_its_totals_are_changed()
    {
        var services = new ServiceCollection();
        services.AddReasoningRewards(b => b.AddMathAccuracy().Use(inner => new OffsetScorer(inner, 0.25)));
        using var provider = services.BuildServiceProvider();

        var scorer = provider.GetRequiredService<IRewardScorer>();
        var result = await scorer.ScoreAsync(Batch);

        scorer.Should().BeOfType<OffsetScorer>().Which.Inner.Should().BeOfType<RewardScorer>();
        scorer.RewardNames.Should().Equal("math");
        result.Total.Should().Equal(1.25, 0.25);
        provider.GetRequiredService<IRewardScorer>().Should().BeSameAs(scorer, "the wrapped scorer is the singleton");
    }

    [Test]
    public async Task The_first_registered_wrapper_is_the_outermost()
    {
        var calls = new List<string>();
        var services = new ServiceCollection();
        services.AddReasoningRewards(b => b
            .AddMathAccuracy()
            .Use(inner => new OffsetScorer(inner, 1, calls, "first"))
            .Use((inner, _) => new OffsetScorer(inner, 10, calls, "second")));
        using var provider = services.BuildServiceProvider();

        var scorer = provider.GetRequiredService<IRewardScorer>();
        var result = await scorer.ScoreAsync(Batch);

        var outer = scorer.Should().BeOfType<OffsetScorer>().Subject;
        outer.Inner.Should().BeOfType<OffsetScorer>().Which.Inner.Should().BeOfType<RewardScorer>();
        calls.Should().Equal("first before", "second before", "second after", "first after");
        result.RewardNames.Should().Equal(new[] { "math", "offset", "offset" }, "each wrapper adds its column");
        result.Total.Should().Equal(12.0, 11.0);
    }

    [Test]
    public async Task Wrappers_get_the_service_provider_and_accumulate_across_AddReasoningRewards_calls()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new OffsetValue(0.5));
        services.AddReasoningRewards(b => b.AddMathAccuracy()
            .Use((inner, sp) => new OffsetScorer(inner, sp.GetRequiredService<OffsetValue>().Value)));
        services.AddReasoningRewards(b => b.Use(inner => new OffsetScorer(inner, 2)));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync(Batch);

        result.Total.Should().Equal(3.5, 2.5);
    }

    [Test]
    public void Null_wrappers_are_rejected_when_registered_and_when_they_return_null()
    {
        var services = new ServiceCollection();
        var actNull = () => services.AddReasoningRewards(b => b.Use((Func<IRewardScorer, IRewardScorer>)null!));
        actNull.Should().Throw<ArgumentNullException>();

        var returningNull = new ServiceCollection().AddReasoningRewards(b => b.AddMathAccuracy().Use(_ => null!)).BuildServiceProvider();
        var resolve = () => returningNull.GetRequiredService<IRewardScorer>();
        resolve.Should().Throw<InvalidOperationException>().WithMessage("*Use*null*");
    }

    [Test]
    public async Task Without_Use_the_scorer_is_the_plain_reward_scorer()
    {
        using var provider = new ServiceCollection().AddReasoningRewards(b => b.AddMathAccuracy()).BuildServiceProvider();
        var scorer = provider.GetRequiredService<IRewardScorer>();

        scorer.Should().BeOfType<RewardScorer>();
        (await scorer.ScoreAsync(Batch)).Total.Should().Equal(1.0, 0.0);
    }

    private sealed record OffsetValue(double Value);
}
