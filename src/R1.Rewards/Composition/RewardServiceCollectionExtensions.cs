using Microsoft.Extensions.DependencyInjection.Extensions;
using R1.Rewards.Composition;

// Deliberately in Microsoft.Extensions.DependencyInjection (as Microsoft's own extensions are): one using brings every
// R1 registration. See docs/ARCHITECTURE.md.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the reasoning reward pipeline.</summary>
public static class RewardServiceCollectionExtensions
{
    /// <summary>
    /// Registers the rewards that <paramref name="configure"/> adds and an <see cref="IRewardScorer"/> that runs them,
    /// wrapped by the scorers added with <see cref="ReasoningRewardsBuilder.Use(Func{IRewardScorer, IServiceProvider, IRewardScorer})"/>.
    /// Calling it more than once is safe: rewards are kept once per name and the scorer once (wrappers accumulate).
    /// </summary>
    /// <example><code>
    /// services.AddReasoningRewards(b => b.AddMathAccuracy().AddFormat(weight: 0.5).AddLanguageConsistency("ko"));
    /// services.AddReasoningRewards(b => b.AddMathAccuracy().Use((inner, sp) => new MyWrapper(inner)));
    /// </code></example>
    public static IServiceCollection AddReasoningRewards(this IServiceCollection services, Action<ReasoningRewardsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RewardPipelineOptions>();
        services.TryAddSingleton<IRewardScorer>(sp => RewardScorerWrapper.Apply(ActivatorUtilities.CreateInstance<RewardScorer>(sp), sp));
        configure?.Invoke(new ReasoningRewardsBuilder(services));
        return services;
    }
}
