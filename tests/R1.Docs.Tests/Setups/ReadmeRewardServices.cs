using Microsoft.Extensions.DependencyInjection;
using R1.Docs.Tests.Snippets;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Language;
using R1.Rewards.Math;

namespace R1.Docs.Tests.Setups;

/// <summary>The README's reward <c>services</c>, as its quick start builds them, for the README blocks that continue from it.</summary>
[SnippetSetup("readme-reward-services")]
public static class ReadmeRewardServices
{
    /// <summary>Math accuracy, format (0.5) and English language consistency (0.2).</summary>
    public static ServiceProvider services { get; private set; } = null!;

    public static void Run(SnippetContext context) =>
        services = new ServiceCollection()
            .AddReasoningRewards(b => b.AddMathAccuracy().AddFormat(weight: 0.5).AddLanguageConsistency("en", weight: 0.2))
            .BuildServiceProvider();
}
