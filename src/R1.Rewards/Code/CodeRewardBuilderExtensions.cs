using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using R1.Rewards.Code;
using R1.Rewards.Composition;

// Deliberately in Microsoft.Extensions.DependencyInjection (as Microsoft's own extensions are): one using brings every
// R1 registration. See docs/ARCHITECTURE.md.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the code accuracy reward to the reward pipeline.</summary>
public static class CodeRewardBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="CodeExecutionReward"/> (name <c>code</c>) with its options bound from the subsection <c>Code</c>
    /// (for example <c>Rewards:Code:WallTimeSeconds</c>) and adjusted by <paramref name="configure"/>. The executor is a
    /// registered <see cref="ICodeExecutor"/> if there is one, else a <see cref="PistonExecutor"/> when
    /// <see cref="CodeExecutionOptions.RemoteUrl"/> is set, else a <see cref="LocalProcessExecutor"/>.
    /// </summary>
    /// <example><code>
    /// services.AddReasoningRewards(b => b.AddCodeExecution(configure: o => o.ScoringMode = CodeScoringMode.PassFail));
    /// </code></example>
    public static ReasoningRewardsBuilder AddCodeExecution(this ReasoningRewardsBuilder builder, double weight = 1.0,
        Action<CodeExecutionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddRewardOptions(CodeExecutionOptions.SectionName, configure);
        builder.Services.TryAddSingleton<ICodeExecutor>(CreateExecutor);
        return builder.Add(CodeExecutionReward.RewardName, sp => ActivatorUtilities.CreateInstance<CodeExecutionReward>(sp), weight);
    }

    private static ICodeExecutor CreateExecutor(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<CodeExecutionOptions>>().Value;
        options.Validate();
        if (options.RemoteUrl != null) return new PistonExecutor(new HttpClient(), options);
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger<LocalProcessExecutor>();
        return new LocalProcessExecutor(options, logger);
    }
}
