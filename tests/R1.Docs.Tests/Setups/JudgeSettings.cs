using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Setups;

/// <summary>
/// The <c>appsettings.json</c> that docs/rewards.md's generic host reads: the judge (whose server is not running here) gives up at
/// once, with no retry.
/// </summary>
[SnippetSetup("judge-settings")]
public static class JudgeSettings
{
    public static void Run(SnippetContext context) =>
        File.WriteAllText(context.Path("appsettings.json"), """{ "Rewards": { "Judge": { "MaxRetries": 0, "Timeout": "00:00:05" } } }""");
}
