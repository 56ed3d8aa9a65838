using Microsoft.Extensions.Configuration;

namespace R1.Rewards.Composition;

/// <summary>The configuration section that reward options are bound from (registered by
/// <see cref="ReasoningRewardsBuilder.BindConfiguration"/>).</summary>
internal sealed record RewardConfigurationSection(IConfiguration Section);
