using Microsoft.Extensions.Options;
using R1.Rewards.Composition;
using R1.Rewards.Format;

// Deliberately in Microsoft.Extensions.DependencyInjection (as Microsoft's own extensions are): one using brings every
// R1 registration. See docs/ARCHITECTURE.md.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds <see cref="FormatReward"/> to the reward pipeline.</summary>
public static class FormatRewardBuilderExtensions
{
    /// <summary>
    /// Adds the format reward (name <c>format</c>). Options come from the configuration subsection <c>Format</c>
    /// (see <see cref="ReasoningRewardsBuilder.BindConfiguration"/>), then <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The reward builder.</param>
    /// <param name="weight">Weight in the total. Default 1.</param>
    /// <param name="configure">Adjusts the options (style, strict/lenient, partial credit).</param>
    public static ReasoningRewardsBuilder AddFormat(this ReasoningRewardsBuilder builder, double weight = 1.0,
        Action<FormatRewardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddRewardOptions(FormatRewardOptions.SectionName, configure)
            .Add(FormatReward.RewardName, sp => new FormatReward(sp.GetRequiredService<IOptions<FormatRewardOptions>>()), weight);
    }
}
