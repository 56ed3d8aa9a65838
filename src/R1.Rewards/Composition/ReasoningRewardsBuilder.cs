using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using R1.Rewards.Abstractions;

namespace R1.Rewards.Composition;

/// <summary>
/// Builds the reward pipeline inside <see cref="RewardServiceCollectionExtensions.AddReasoningRewards"/>.
/// Each <c>AddXxx</c> extension registers one reward with a weight; adding the same reward twice keeps one.
/// <see cref="Use(Func{IRewardScorer, IServiceProvider, IRewardScorer})"/> wraps the resulting <see cref="IRewardScorer"/>,
/// in the style of Microsoft.Extensions.AI's <c>ChatClientBuilder.Use</c>.
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
    /// Routes the samples of one task type (<see cref="RewardSample.TaskType"/>, case-insensitive) to the rewards named
    /// <paramref name="rewardNames"/>: only they score those samples, and the other rewards give them "not applicable"
    /// (<c>not routed for task type 'x'</c>) without being called. DeepSeek-R1's stage 4 uses rule rewards for math, code and logic prompts
    /// and a judge for general ones: <c>Route("math", "math", "format").Route("general", "judge")</c>. Routing the same task type again
    /// replaces its route; a configured route (<c>Rewards:Routes:math:0 = math</c>, <see cref="RewardPipelineOptions.Routes"/>) replaces
    /// the code's route for that task type. Once any route exists, a sample without a task type is still scored by every reward, a task
    /// type without a route goes to the fallback route <c>*</c> when there is one and is a configuration error otherwise (the scorer
    /// throws, naming it and the known routes). A route naming an unregistered reward fails when the scorer is built.
    /// </summary>
    /// <param name="taskType">The task type, for example <c>math</c>; <c>*</c> for the fallback route.</param>
    /// <param name="rewardNames">The names of the rewards that score this task type (at least one).</param>
    public ReasoningRewardsBuilder Route(string taskType, params string[] rewardNames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskType);
        ArgumentNullException.ThrowIfNull(rewardNames);
        if (rewardNames.Length == 0 || rewardNames.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"The route for task type '{taskType}' needs at least one reward name, and no empty one.",
                nameof(rewardNames));
        string[] names = [.. rewardNames];
        Services.Configure<RewardPipelineOptions>(o => o.CodeRoutes[taskType.Trim()] = names);
        return this;
    }

    /// <summary>
    /// Wraps the reward pipeline: the <see cref="IRewardScorer"/> resolved from the container is
    /// <paramref name="wrapper"/>'s result, built once (the scorer is a singleton) around the scorer that runs the
    /// registered rewards — or around the wrapper registered after this one. Wrappers apply in registration order: the
    /// first <c>Use</c> is the <b>outermost</b> (it sees each batch first and the final result last) and the last
    /// <c>Use</c> wraps the reward scorer directly, as with <c>ChatClientBuilder.Use</c>. Typical wrappers: an ablation
    /// that shuffles rewards across the batch, reward clipping or logging. Wrappers from several
    /// <c>AddReasoningRewards</c> calls accumulate.
    /// </summary>
    /// <param name="wrapper">Builds the wrapper from the inner scorer and the service provider; must not return <see langword="null"/>.</param>
    /// <example><code>
    /// services.AddReasoningRewards(b => b.AddMathAccuracy().Use((inner, sp) => new ShuffledRewardScorer(inner, seed: 7)));
    /// // the same: b.AddMathAccuracy().UseShuffledRewards(seed: 7)
    /// </code></example>
    public ReasoningRewardsBuilder Use(Func<IRewardScorer, IServiceProvider, IRewardScorer> wrapper)
    {
        ArgumentNullException.ThrowIfNull(wrapper);
        Services.AddSingleton(new RewardScorerWrapper(wrapper));
        return this;
    }

    /// <summary>Wraps the reward pipeline with a wrapper that needs no services; see
    /// <see cref="Use(Func{IRewardScorer, IServiceProvider, IRewardScorer})"/>.</summary>
    /// <param name="wrapper">Builds the wrapper from the inner scorer; must not return <see langword="null"/>.</param>
    public ReasoningRewardsBuilder Use(Func<IRewardScorer, IRewardScorer> wrapper)
    {
        ArgumentNullException.ThrowIfNull(wrapper);
        return Use((inner, _) => wrapper(inner));
    }

    /// <summary>
    /// Binds the pipeline options (weights, timeout, routes) from a configuration section such as <c>Rewards</c>, and each
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
    public ReasoningRewardsBuilder AddRewardOptions<TOptions>(string subsection, Action<TOptions>? configure = null) where TOptions : class =>
        AddRewardOptions(Options.DefaultName, subsection, configure);

    /// <summary>
    /// Registers the named options <paramref name="optionsName"/> of <typeparamref name="TOptions"/> (resolve them with
    /// <c>IOptionsMonitor&lt;TOptions&gt;.Get(optionsName)</c>), bound from <paramref name="subsection"/>, then adjusted by
    /// <paramref name="configure"/>: for rewards registered several times under different names, such as judges.
    /// </summary>
    internal ReasoningRewardsBuilder AddRewardOptions<TOptions>(string optionsName, string subsection, Action<TOptions>? configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(optionsName);
        ArgumentException.ThrowIfNullOrWhiteSpace(subsection);
        Services.AddOptions<TOptions>(optionsName).Configure<IServiceProvider>((options, sp) =>
        {
            foreach (var source in sp.GetServices<RewardConfigurationSection>())
                source.Section.GetSection(subsection).Bind(options);
        });
        if (configure != null) Services.Configure(optionsName, configure);
        return this;
    }

    /// <summary>
    /// The shuffled-reward ablation: wraps the pipeline in a <see cref="ShuffledRewardScorer"/>, so each completion gets the reward
    /// of another completion of the same batch (deterministic in <paramref name="seed"/>). See <see cref="Use(Func{IRewardScorer, IRewardScorer})"/>.
    /// </summary>
    /// <param name="seed">Seed of the permutations.</param>
    public ReasoningRewardsBuilder UseShuffledRewards(int seed) => Use(inner => new ShuffledRewardScorer(inner, seed));
}
