using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using R1.Cli.Configuration;
using R1.Rewards.Code;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Language;
using R1.Rewards.Math;

namespace R1.Cli.Models;

/// <summary>The <c>rewards</c> key (name → weight) as R1.Rewards' DI pipeline.</summary>
internal static class RewardFactory
{
    public static IReadOnlyDictionary<string, double> Default { get; } = new Dictionary<string, double> { ["math"] = 1.0, ["format"] = 0.5 };

    public static IReadOnlyList<string> Names { get; } = ["math", "format", "language", "code"];

    /// <summary>The pipeline of <paramref name="weights"/>; its rewards log through <paramref name="logging"/> when given.</summary>
    public static IRewardScorer Create(IReadOnlyDictionary<string, double>? weights, ILoggerFactory? logging = null)
    {
        weights ??= Default;
        if (weights.Count == 0) throw new CliException($"rewards: name at least one of {string.Join(", ", Names)}.");
        var services = new ServiceCollection();
        if (logging is not null) services.AddSingleton(logging);
        services.AddReasoningRewards(b =>
        {
            foreach (var (name, weight) in weights) Add(b, name, weight);
        });
        return services.BuildServiceProvider().GetRequiredService<IRewardScorer>();
    }

    private static void Add(ReasoningRewardsBuilder builder, string name, double weight)
    {
        switch (name.ToLowerInvariant())
        {
            case "math": builder.AddMathAccuracy(weight); break;
            case "format": builder.AddFormat(weight); break;
            case "language": builder.AddLanguageConsistency(weight: weight); break;
            case "code": builder.AddCodeExecution(weight); break;
            default: throw new CliException($"rewards: unknown reward '{name}' (expected {string.Join(", ", Names)}).");
        }
    }
}
