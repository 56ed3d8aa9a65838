using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using R1.Rewards.Composition;

namespace R1.Rewards.Judge;

/// <summary>Adds <see cref="JudgeReward"/> to the reward pipeline.</summary>
public static class JudgeRewardBuilderExtensions
{
    /// <summary>
    /// Adds the generative judge (name <c>judge</c>) over the <see cref="IChatClient"/> registered under the key
    /// <paramref name="chatClientKey"/> (for example with <c>services.AddKeyedChatClient("judge", …)</c>). Options come from the
    /// configuration subsection <c>Judge</c>, then <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The reward builder.</param>
    /// <param name="chatClientKey">The DI key of the chat client.</param>
    /// <param name="weight">Weight in the total. Default 1.</param>
    /// <param name="configure">Adjusts the options (timeout, retries, cache, model id).</param>
    public static ReasoningRewardsBuilder AddJudge(this ReasoningRewardsBuilder builder, string chatClientKey, double weight = 1.0,
        Action<JudgeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(chatClientKey);
        return builder
            .AddRewardOptions(JudgeOptions.SectionName, configure)
            .Add(JudgeReward.RewardName, sp =>
            {
                var client = sp.GetKeyedService<IChatClient>(chatClientKey)
                    ?? throw new InvalidOperationException($"The judge reward needs an IChatClient registered with the key '{chatClientKey}' " +
                        $"(for example services.AddKeyedChatClient(\"{chatClientKey}\", client)); none is registered.");
                return new JudgeReward(client, sp.GetRequiredService<IOptions<JudgeOptions>>().Value, sp.GetService<ILogger<JudgeReward>>());
            }, weight);
    }
}
