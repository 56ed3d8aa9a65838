using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Setups;

/// <summary>
/// An application's <c>services</c> (an empty <see cref="IServiceCollection"/>) and its configuration, named <c>configuration</c>
/// and <c>config</c> as the reward docs call it, with a <c>Rewards</c> section.
/// </summary>
[SnippetSetup("service-collection")]
public static class RewardServiceCollection
{
    public static IServiceCollection services { get; private set; } = null!;

    public static IConfiguration configuration { get; private set; } = null!;

    public static IConfiguration config => configuration;

    public static void Run(SnippetContext context)
    {
        services = new ServiceCollection();
        configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Rewards:Math:DecimalTolerance"] = "0.001" })
            .Build();
    }
}
