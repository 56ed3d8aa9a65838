namespace R1.Rewards.Composition;

/// <summary>One <see cref="ReasoningRewardsBuilder.Use(Func{IRewardScorer, IServiceProvider, IRewardScorer})"/> registration, kept in the container
/// in registration order.</summary>
internal sealed class RewardScorerWrapper(Func<IRewardScorer, IServiceProvider, IRewardScorer> wrap)
{
    public Func<IRewardScorer, IServiceProvider, IRewardScorer> Wrap { get; } = wrap;

    /// <summary>
    /// Wraps <paramref name="scorer"/> with every registered wrapper: the last registered innermost, so the first registered
    /// is the outermost and sees a batch first (as <c>ChatClientBuilder.Use</c> does).
    /// </summary>
    public static IRewardScorer Apply(IRewardScorer scorer, IServiceProvider services)
    {
        var wrappers = services.GetService(typeof(IEnumerable<RewardScorerWrapper>)) as IEnumerable<RewardScorerWrapper>;
        var list = wrappers?.ToArray() ?? [];
        for (int i = list.Length - 1; i >= 0; i--)
            scorer = list[i].Wrap(scorer, services)
                ?? throw new InvalidOperationException($"The reward scorer wrapper registered with Use (#{i + 1}) returned null.");
        return scorer;
    }
}
