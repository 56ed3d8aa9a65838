using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rewards.Math;

namespace R1.Rewards.Tests.Math;

public class MathAccuracyRewardTests
{
    private static RewardSample Sample(string completion, string? answer) => new() { Prompt = "q", Completion = completion, Answer = answer };

    [Test]
    public async Task Scores_one_for_an_equivalent_answer_and_zero_otherwise_with_diagnostics()
    {
        var reward = new MathAccuracyReward();
        var scores = await reward.ScoreAsync([
            Sample("<think>...</think> so $\\boxed{\\frac12}$", "0.5"),
            Sample("so $\\boxed{\\frac13}$", "0.5"),
            Sample("no idea", "0.5"),
            Sample("\\boxed{1}", null),
        ]);

        reward.Name.Should().Be("math");
        scores[0].Value.Should().Be(1);
        scores[0].Diagnostic.Should().Contain("Boxed '\\frac12'").And.Contain("gold '0.5'");
        scores[1].Value.Should().Be(0);
        scores[1].Diagnostic.Should().Contain("!=");
        scores[2].Value.Should().Be(0);
        scores[2].Diagnostic.Should().Contain("no final answer");
        scores[3].IsApplicable.Should().BeFalse();
    }

    [Test]
    public void Several_different_boxed_answers_earn_nothing_unless_allowed()
    {
        const string hedge = "It is \\boxed{3} or maybe \\boxed{4}.";
        var strict = new MathAccuracyReward().Score(Sample(hedge, "4"));
        strict.Value.Should().Be(0);
        strict.Diagnostic.Should().Contain("several different boxed answers").And.Contain("3 | 4");

        new MathAccuracyReward(new MathAccuracyOptions { RejectConflictingBoxes = false }).Score(Sample(hedge, "4")).Value.Should().Be(1);
        new MathAccuracyReward().Score(Sample("\\boxed{0.5} i.e. \\boxed{\\frac{1}{2}}", "1/2")).Value.Should()
            .Be(1, "the same value boxed twice is fine");
    }

    [TestCase("The answer is 18 dollars.", "18", 1)]
    [TestCase("So she makes \\$1,450,000 in total. The answer is $1,450,000.", "1450000", 1)]
    [TestCase("The answer is 2 pi", "2", 0)]
    [TestCase("\\boxed{18}", "She makes 9 * 2 = $<<9*2=18>>18.\n#### 18", 1)]
    [TestCase("\\boxed{\\frac12}", "so the probability is $\\boxed{\\dfrac{1}{2}}$.", 1)]
    public void Plain_units_and_whole_solution_golds_are_handled(string completion, string gold, double expected)
    {
        var score = new MathAccuracyReward().Score(Sample(completion, gold));
        score.Value.Should().Be(expected, score.Diagnostic);
    }

    [Test]
    public void Bad_options_are_rejected_with_the_option_name()
    {
        var act = () => new MathAccuracyReward(new MathAccuracyOptions { SymbolicPoints = 0 });
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*SymbolicPoints*");
    }

    [Test]
    public async Task AddMathAccuracy_registers_the_reward_and_binds_the_Math_subsection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rewards:Math:DecimalTolerance"] = "0.01",
            ["Rewards:Math:MaxAnswerLength"] = "500",
        }).Build();
        var services = new ServiceCollection();
        services.AddReasoningRewards(b => b
            .BindConfiguration(configuration.GetSection("Rewards"))
            .AddMathAccuracy(weight: 2.0, o => o.SymbolicPoints = 7));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MathAccuracyOptions>>().Value;
        options.DecimalTolerance.Should().Be(0.01);
        options.MaxAnswerLength.Should().Be(500);
        options.SymbolicPoints.Should().Be(7);

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync([Sample("The answer is 0.333", "\\frac13")]);
        result.RewardNames.Should().Equal("math");
        result["math"][0].Value.Should().Be(1, "the configured 1% decimal tolerance accepts 0.333");
        result.Total.Should().Equal(2.0);
    }
}
