using R1.Docs.Tests.Snippets;
using R1.Rewards.Abstractions;

namespace R1.Docs.Tests.Setups;

/// <summary>
/// The reward-pipeline snippet's <c>samples</c> (Korean questions, one right and one wrong answer) and an <c>appsettings.json</c>
/// in its working directory that the generic host reads: the judge (whose server is not running here) gives up at once.
/// </summary>
[SnippetSetup("judge-samples")]
public static class JudgeSamples
{
    public static IReadOnlyList<RewardSample> samples { get; private set; } = [];

    public static void Run(SnippetContext context)
    {
        File.WriteAllText(context.Path("appsettings.json"),
            """{ "Rewards": { "Judge": { "MaxRetries": 0, "Timeout": "00:00:05" } } }""");
        samples =
        [
            new RewardSample
            {
                Prompt = "2 더하기 3은 무엇입니까?", Answer = "5",
                Completion = "<think>2 더하기 3은 5입니다.</think> <answer>5</answer>",
            },
            new RewardSample
            {
                Prompt = "2 더하기 3은 무엇입니까?", Answer = "5",
                Completion = "<think>2 더하기 3은 6입니다.</think> <answer>6</answer>",
            },
        ];
    }
}
