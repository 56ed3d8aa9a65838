using R1.Docs.Tests.Snippets;
using R1.Rewards.Abstractions;

namespace R1.Docs.Tests.Checks;

/// <summary>
/// docs/rewards-math.md's registration: the configure callback's <c>DecimalTolerance = 1e-4</c> wins over the configuration's
/// 0.001 (<see cref="Setups.RewardServiceCollection"/>): 0.33334 equals 1/3 (relative error 2e-5), 0.3334 does not (2e-4).
/// </summary>
[SnippetCheck("math-tolerance")]
public static class MathTolerance
{
    public static async Task RunAsync(SnippetContext context)
    {
        var scorer = RegisteredRewards.Scorer();
        RewardSample Sample(string answer) =>
            new() { Prompt = "1/3 as a decimal?", Answer = "\\frac{1}{3}", Completion = $"<think>1/3</think> <answer>{answer}</answer>" };

        var result = await scorer.ScoreAsync([Sample("0.33334"), Sample("0.3334")]);

        scorer.RewardNames.Should().Equal("math");
        result["math"].Select(s => s.Value).Should().Equal(1.0, 0.0);
    }

    public static void Run(SnippetContext context) => RunAsync(context).GetAwaiter().GetResult();
}
