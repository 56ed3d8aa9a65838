using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using R1.Rewards.Composition;
using R1.Rewards.Judge;

// Deliberately in Microsoft.Extensions.DependencyInjection (as Microsoft's own extensions are): one using brings every
// R1 registration. See docs/ARCHITECTURE.md.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds <see cref="JudgeReward"/> to the reward pipeline.</summary>
public static class JudgeRewardBuilderExtensions
{
    /// <summary>The configuration subsection that holds the options of judges not named <c>judge</c>, one subsection per name:
    /// <c>Judges</c> (for example <c>Rewards:Judges:helpfulness:Scope = Summary</c>).</summary>
    public const string NamedJudgesSectionName = "Judges";

    /// <summary>
    /// Adds a generative judge named <paramref name="name"/> over the <see cref="IChatClient"/> registered under the key
    /// <paramref name="chatClientKey"/> (for example with <c>services.AddKeyedChatClient("judge", …)</c>). Each name is a separate reward
    /// with its own options, so one pipeline can hold several judges (a correctness grader, a helpfulness judge on the summary, a
    /// harmlessness judge on the whole response). The options of the judge named <c>judge</c> come from the configuration subsection
    /// <c>Judge</c> (the unnamed <c>IOptions&lt;JudgeOptions&gt;</c>); those of any other name from <c>Judges:{name}</c> (the named
    /// options <c>IOptionsMonitor&lt;JudgeOptions&gt;.Get(name)</c>); then <paramref name="configure"/> applies. Adding a name again
    /// replaces that judge's registration.
    /// </summary>
    /// <param name="builder">The reward builder.</param>
    /// <param name="chatClientKey">The DI key of the chat client.</param>
    /// <param name="weight">Weight in the total. Default 1.</param>
    /// <param name="configure">Adjusts the options (scope, instructions, reference, timeout, retries, cache, model id).</param>
    /// <param name="name">The reward name (in results, weights and routes). Default: <c>judge</c>.</param>
    public static ReasoningRewardsBuilder AddJudge(this ReasoningRewardsBuilder builder, string chatClientKey, double weight = 1.0,
        Action<JudgeOptions>? configure = null, string name = JudgeReward.RewardName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(chatClientKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        bool isDefault = string.Equals(name, JudgeReward.RewardName, StringComparison.OrdinalIgnoreCase);
        string optionsName = isDefault ? Microsoft.Extensions.Options.Options.DefaultName : name;
        string subsection = isDefault ? JudgeOptions.SectionName : $"{NamedJudgesSectionName}:{name}";
        return builder
            .AddRewardOptions(optionsName, subsection, configure)
            .Add(name, sp =>
            {
                var client = sp.GetKeyedService<IChatClient>(chatClientKey)
                    ?? throw new InvalidOperationException($"The judge reward '{name}' needs an IChatClient registered with the key " +
                        $"'{chatClientKey}' (for example services.AddKeyedChatClient(\"{chatClientKey}\", client)); none is registered.");
                var options = sp.GetRequiredService<IOptionsMonitor<JudgeOptions>>().Get(optionsName);
                return new JudgeReward(client, options, sp.GetService<ILogger<JudgeReward>>(), name);
            }, weight);
    }
}
