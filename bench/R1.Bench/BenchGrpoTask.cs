using Microsoft.Extensions.DependencyInjection;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Math;
using R1.Rollout.ChatTemplates;
using R1.Synthetic;

namespace R1.Bench;

/// <summary>
/// The GRPO task of the training benches (<c>grpo</c>, <c>scale</c>, <c>scaleout</c>, <c>gpu-check</c>): the synthetic arithmetic
/// prompts, a short single-turn prompt format and the math + format rewards, so their step figures are of one workload.
/// </summary>
internal static class BenchGrpoTask
{
    /// <summary>The short prompt format, <c>User: {question}. Assistant:</c>.</summary>
    public static PromptFormat Prompt() => new(new DelegatePromptTemplate("bench-short", p => $"User: {p}. Assistant:"));

    /// <summary>Math accuracy plus the format reward, through DI.</summary>
    public static IRewardScorer Rewards() =>
        new ServiceCollection().AddReasoningRewards(b => b.AddMathAccuracy().AddFormat())
            .BuildServiceProvider().GetRequiredService<IRewardScorer>();

    /// <summary>The training prompts of <see cref="ArithmeticTask"/>'s default split; the first <paramref name="count"/> when given.</summary>
    public static List<ReasoningExample> Train(int? count = null)
    {
        var problems = new ArithmeticTask().Train;
        return (count is { } n ? problems.Take(n) : problems).Select(p => p.ToExample()).ToList();
    }
}
