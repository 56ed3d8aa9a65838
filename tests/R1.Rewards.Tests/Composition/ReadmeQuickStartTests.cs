using Microsoft.Extensions.DependencyInjection;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Language;
using R1.Rewards.Math;

namespace R1.Rewards.Tests.Composition;

/// <summary>The README's reward quick start, as written there, with its outcome checked.</summary>
public class ReadmeQuickStartTests
{
    [Test]
    public async Task Readme_reward_quick_start_scores_a_correct_well_formed_completion_fully()
    {
        var services = new ServiceCollection()
            .AddReasoningRewards(b => b.AddMathAccuracy().AddFormat(weight: 0.5).AddLanguageConsistency("en", weight: 0.2))
            .BuildServiceProvider();
        var scorer = services.GetRequiredService<IRewardScorer>();
        var result = await scorer.ScoreAsync([new RewardSample {
            Prompt = "What is 1/2 + 1/4?", Answer = "\\frac34",
            Completion = "<think>1/2 = 2/4, so 2/4 + 1/4 = 3/4</think> <answer>0.75</answer>" }]);

        result.RewardNames.Should().Equal("math", "format", "language");
        result["math"][0].Value.Should().Be(1.0);
        result["format"][0].Value.Should().Be(1.0);
        result["language"][0].Value.Should().Be(1.0);
        result.Total[0].Should().BeApproximately(1.7, 1e-12);
    }
}
