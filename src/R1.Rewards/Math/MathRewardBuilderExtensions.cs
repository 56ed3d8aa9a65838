using Microsoft.Extensions.Options;
using R1.Rewards.Composition;
using R1.Rewards.Math;

// Deliberately in Microsoft.Extensions.DependencyInjection (as Microsoft's own extensions are): one using brings every
// R1 registration. See docs/ARCHITECTURE.md.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the math accuracy reward on a <see cref="ReasoningRewardsBuilder"/>.</summary>
public static class MathRewardBuilderExtensions
{
    /// <summary>The configuration subsection of <see cref="MathAccuracyOptions"/> (under <c>Rewards</c>).</summary>
    public const string ConfigurationSection = "Math";

    /// <summary>
    /// Adds <see cref="MathAccuracyReward"/> (name <c>math</c>) with <paramref name="weight"/>. Its options are bound from
    /// the subsection <c>Math</c> of the rewards configuration, then adjusted by <paramref name="configure"/>.
    /// </summary>
    /// <example><code>services.AddReasoningRewards(b => b.AddMathAccuracy(weight: 1.0, o => o.DecimalTolerance = 1e-4));</code></example>
    public static ReasoningRewardsBuilder AddMathAccuracy(this ReasoningRewardsBuilder builder, double weight = 1.0,
        Action<MathAccuracyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddRewardOptions(ConfigurationSection, configure);
        return builder.Add("math", sp => new MathAccuracyReward(sp.GetRequiredService<IOptions<MathAccuracyOptions>>()), weight);
    }
}
