using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace R1.Rewards.Composition;

/// <summary>Registers the reasoning reward pipeline.</summary>
public static class RewardServiceCollectionExtensions
{
    /// <summary>
    /// Registers the rewards that <paramref name="configure"/> adds and an <see cref="IRewardScorer"/> that runs them.
    /// Calling it more than once is safe: rewards are kept once per name and the scorer once.
    /// </summary>
    /// <example><code>
    /// services.AddReasoningRewards(b => b.AddMathAccuracy().AddFormat(weight: 0.5).AddLanguageConsistency("ko"));
    /// </code></example>
    public static IServiceCollection AddReasoningRewards(this IServiceCollection services, Action<ReasoningRewardsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RewardPipelineOptions>();
        services.AddLogging();
        services.TryAddSingleton<IRewardScorer>(sp => ActivatorUtilities.CreateInstance<RewardScorer>(sp));
        configure?.Invoke(new ReasoningRewardsBuilder(services));
        return services;
    }
}
