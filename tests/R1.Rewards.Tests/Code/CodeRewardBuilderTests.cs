using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using R1.Rewards.Code;
using R1.Rewards.Composition;

namespace R1.Rewards.Tests.Code;

public class CodeRewardBuilderTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Test]
    public async Task AddCodeExecution_binds_the_Code_subsection_and_scores_through_the_pipeline()
    {
        var config = Config(("Rewards:Code:ScoringMode", "PassFail"), ("Rewards:Code:WallTimeSeconds", "7"),
            ("Rewards:Code:MaxParallelProcesses", "2"));
        var services = new ServiceCollection();
        services.AddReasoningRewards(b => b.BindConfiguration(config.GetSection("Rewards")).AddCodeExecution(weight: 2.0, o => o.CpuSeconds = 3));
        using var provider = services.BuildServiceProvider();
        var p = HumanEvalData.Problems[0];

        var options = provider.GetRequiredService<IOptions<CodeExecutionOptions>>().Value;
        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync(
            [HumanEvalData.Sample(p, HumanEvalData.CanonicalCompletion(p)), HumanEvalData.Sample(p, $"```python\n{p.Prompt}    return False\n```")]);

        (options.ScoringMode, options.WallTimeSeconds, options.CpuSeconds).Should().Be((CodeScoringMode.PassFail, 7.0, 3));
        provider.GetRequiredService<ICodeExecutor>().Should().BeOfType<LocalProcessExecutor>();
        result.RewardNames.Should().Equal("code");
        result.Total.Should().Equal(2.0, 0.0);
    }

    [Test]
    public async Task A_remote_url_selects_the_piston_executor()
    {
        using var piston = new FakePiston();
        var services = new ServiceCollection();
        services.AddReasoningRewards(b => b.AddCodeExecution(configure: o => o.RemoteUrl = piston.Url));
        using var provider = services.BuildServiceProvider();
        var p = HumanEvalData.Problems[1];

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync([HumanEvalData.Sample(p, HumanEvalData.CanonicalCompletion(p))]);

        provider.GetRequiredService<ICodeExecutor>().Should().BeOfType<PistonExecutor>();
        result["code"][0].Value.Should().Be(1.0);
        piston.Requests.Should().HaveCount(1);
    }
}
