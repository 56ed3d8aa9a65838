using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using R1.Rewards.Abstractions;

namespace R1.Rewards.Composition;

/// <summary>
/// Builds the reward pipeline inside <see cref="RewardServiceCollectionExtensions.AddReasoningRewards"/>.
/// Each <c>AddXxx</c> extension registers one reward with a weight; adding the same reward twice keeps one.
/// </summary>
public sealed class ReasoningRewardsBuilder
{
    internal ReasoningRewardsBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection, for extensions that register their own services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a reward built from the service provider.</summary>
    /// <param name="name">Unique reward name (used in metrics and for weights in configuration).</param>
    /// <param name="factory">Builds the reward; called once.</param>
    /// <param name="weight">Weight in the total. Default 1.</param>
    public ReasoningRewardsBuilder Add(string name, Func<IServiceProvider, IReward> factory, double weight = 1.0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!double.IsFinite(weight)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "A reward weight must be finite.");
        Services.Configure<RewardPipelineOptions>(o => o.Register(new RewardRegistration(name, weight, factory)));
        return this;
    }

    /// <summary>Adds an existing reward instance under its own <see cref="IReward.Name"/>.</summary>
    public ReasoningRewardsBuilder Add(IReward reward, double weight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(reward);
        return Add(reward.Name, _ => reward, weight);
    }

    /// <summary>
    /// Binds the pipeline options (weights, timeout) from a configuration section such as <c>Rewards</c>, and each
    /// reward's options from its subsection (for example <c>Rewards:Math</c>). Order relative to <c>AddXxx</c> calls does not matter.
    /// </summary>
    public ReasoningRewardsBuilder BindConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        Services.Configure<RewardPipelineOptions>(section);
        Services.AddSingleton(new RewardConfigurationSection(section));
        return this;
    }

    /// <summary>
    /// Registers <typeparamref name="TOptions"/> for a reward: bound from the subsection <paramref name="subsection"/> of the
    /// section given to <see cref="BindConfiguration"/> (if any), then adjusted by <paramref name="configure"/>.
    /// Reward extensions call this; resolve the options as <c>IOptions&lt;TOptions&gt;</c>.
    /// </summary>
    public ReasoningRewardsBuilder AddRewardOptions<TOptions>(string subsection, Action<TOptions>? configure = null) where TOptions : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subsection);
        Services.AddOptions<TOptions>().Configure<IServiceProvider>((options, sp) =>
        {
            foreach (var source in sp.GetServices<RewardConfigurationSection>())
                source.Section.GetSection(subsection).Bind(options);
        });
        if (configure != null) Services.Configure(configure);
        return this;
    }
}
