using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Judge;
using R1.Rewards.Math;

namespace R1.Synthetic;

/// <summary>The reward pipelines of "R1 in miniature", built through the DI builder as an application would.</summary>
public static class MiniatureRewards
{
    /// <summary>The DI key of the judge's chat client.</summary>
    public const string JudgeKey = "judge";

    /// <summary>Stage 2's rule rewards: math accuracy plus half-weighted format.</summary>
    public static IRewardScorer Reasoning() => new ServiceCollection()
        .AddReasoningRewards(b => b.AddMathAccuracy().AddFormat(weight: 0.5))
        .BuildServiceProvider().GetRequiredService<IRewardScorer>();

    /// <summary>
    /// Every scenario, routed by task type: <c>math</c> rows get math accuracy + format (the judge is never called for them),
    /// <c>words</c> rows get the judge over <paramref name="judge"/> + format (the math verifier never sees them).
    /// </summary>
    public static IRewardScorer AllScenarios(IChatClient judge) => new ServiceCollection()
        .AddKeyedSingleton(JudgeKey, judge)
        .AddReasoningRewards(b => b
            .AddMathAccuracy().AddFormat(weight: 0.5).AddJudge(JudgeKey)
            .Route(RecipeTaskFamily.Math, "math", "format")
            .Route(RecipeTaskFamily.Words, JudgeReward.RewardName, "format"))
        .BuildServiceProvider().GetRequiredService<IRewardScorer>();

    /// <summary>The accuracy reward per task type, for the recipe's evaluation.</summary>
    public static Dictionary<string, string> AccuracyRewards() => new(StringComparer.OrdinalIgnoreCase)
    {
        [RecipeTaskFamily.Math] = "math", [RecipeTaskFamily.Words] = JudgeReward.RewardName,
    };
}
