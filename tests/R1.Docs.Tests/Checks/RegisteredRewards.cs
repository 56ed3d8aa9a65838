using Microsoft.Extensions.DependencyInjection;
using R1.Docs.Tests.Setups;
using R1.Rewards.Composition;

namespace R1.Docs.Tests.Checks;

/// <summary>The reward pipeline a snippet registered into the setup's <c>services</c>, built and resolved.</summary>
internal static class RegisteredRewards
{
    public static IRewardScorer Scorer()
    {
        using var provider = RewardServiceCollection.services.BuildServiceProvider();
        return provider.GetRequiredService<IRewardScorer>();
    }
}
