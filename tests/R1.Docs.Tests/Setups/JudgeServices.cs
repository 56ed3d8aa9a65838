using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Setups;

/// <summary>The routing snippet of docs/rewards.md: an empty <c>services</c> collection and a stand-in <c>judgeClient</c>.</summary>
[SnippetSetup("judge-services")]
public static class JudgeServices
{
    public static IServiceCollection services { get; private set; } = null!;

    public static IChatClient judgeClient { get; private set; } = null!;

    public static void Run(SnippetContext context)
    {
        services = new ServiceCollection();
        judgeClient = new SumsChatClient("CORRECT");
    }
}
