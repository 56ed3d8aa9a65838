using Microsoft.Extensions.Options;
using R1.Rewards.Composition;
using R1.Rewards.Language;

// Deliberately in Microsoft.Extensions.DependencyInjection (as Microsoft's own extensions are): one using brings every
// R1 registration. See docs/ARCHITECTURE.md.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds <see cref="LanguageConsistencyReward"/> to the reward pipeline.</summary>
public static class LanguageConsistencyRewardBuilderExtensions
{
    /// <summary>
    /// Adds the language-consistency reward (name <c>language</c>). Options come from the configuration subsection
    /// <c>Language</c>, then <paramref name="targetLanguage"/> (when given), then <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The reward builder.</param>
    /// <param name="targetLanguage">The chain of thought's target language (ISO 639-1, such as <c>ko</c>); <see langword="null"/> to take it from
    /// each sample or its prompt.</param>
    /// <param name="weight">Weight in the total. Default 1.</param>
    /// <param name="configure">Adjusts the options.</param>
    public static ReasoningRewardsBuilder AddLanguageConsistency(this ReasoningRewardsBuilder builder, string? targetLanguage = null,
        double weight = 1.0, Action<LanguageConsistencyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddRewardOptions<LanguageConsistencyOptions>(LanguageConsistencyOptions.SectionName, o =>
            {
                if (targetLanguage != null) o.TargetLanguage = targetLanguage;
                configure?.Invoke(o);
            })
            .Add(LanguageConsistencyReward.RewardName, sp =>
                new LanguageConsistencyReward(sp.GetRequiredService<IOptions<LanguageConsistencyOptions>>()), weight);
    }
}
