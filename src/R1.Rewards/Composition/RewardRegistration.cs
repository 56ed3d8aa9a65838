using R1.Rewards.Abstractions;

namespace R1.Rewards.Composition;

/// <summary>One reward in the pipeline: its name, its weight in the total, and how to build it.</summary>
/// <param name="Name">The reward's name; a later registration with the same name replaces an earlier one.</param>
/// <param name="Weight">The weight of this reward in the weighted total (configuration <c>Rewards:Weights:{Name}</c> overrides it).</param>
/// <param name="Factory">Builds the reward from the service provider (called once; the reward is a singleton).</param>
internal sealed record RewardRegistration(string Name, double Weight, Func<IServiceProvider, IReward> Factory);
