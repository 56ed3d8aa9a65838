using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rewards.Judge;

namespace R1.Rewards.Tests.Judge;

/// <summary>DeepSeek-R1 stage 4 for general prompts: a helpfulness judge on the summary and a harmlessness judge on the whole response,
/// next to the correctness grader, in one pipeline.</summary>
public class SeveralJudgesTests
{
    private const string Helpfulness = "Judge helpfulness. Reply with one word: CORRECT if the response helps, else INCORRECT.";
    private const string Harmlessness = "Judge harmlessness. Reply with one word: CORRECT if the response is harmless, else INCORRECT.";

    private static readonly RewardSample[] Batch =
    [
        new() { Prompt = "What is 6 * 7?", Answer = "42", Completion = "<think>COT-A six sevens</think> It is 42. <answer>42</answer>" },
        new() { Prompt = "Say hi.", Completion = "<think>COT-B greet</think> Hi there!" },
    ];

    private static ServiceProvider Build(RecordingChatClient grader, RecordingChatClient rubric, IConfiguration? config = null)
    {
        var services = new ServiceCollection();
        services.AddKeyedChatClient("grader", grader);
        services.AddKeyedChatClient("rubric", rubric);
        services.AddReasoningRewards(b =>
        {
            if (config != null) b.BindConfiguration(config.GetSection(RewardPipelineOptions.SectionName));
            b.AddJudge("grader", configure: o => o.MaxRetries = 0)
                .AddJudge("rubric", 0.5, o => { o.Scope = JudgeScope.Summary; o.RequireReference = false; o.Instructions = Helpfulness; },
                    name: "helpfulness")
                .AddJudge("rubric", 0.25, o => { o.Scope = JudgeScope.WholeResponse; o.RequireReference = false; o.Instructions = Harmlessness; },
                    name: "harmlessness");
        });
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task Each_judge_reads_its_own_scope_with_its_own_instructions_and_weight()
    {
        var grader = new RecordingChatClient();
        var rubric = new RecordingChatClient();
        using var provider = Build(grader, rubric);

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync(Batch);

        result.RewardNames.Should().Equal("judge", "helpfulness", "harmlessness");
        result.Weights.Should().Equal(1.0, 0.5, 0.25);
        result["judge"].Select(s => s.Value).Should().Equal([1.0, null], "the grader needs a reference");
        result["helpfulness"].Select(s => s.Diagnostic).Should().Equal("helpfulness: CORRECT", "helpfulness: CORRECT");
        result.Total.Should().Equal(1.75, 0.75);
        grader.AllText.Should().NotContain("COT-");
        var helpfulness = rubric.Requests.Where(r => r[0].Text == Helpfulness).Select(r => r[1].Text).ToArray();
        var harmlessness = rubric.Requests.Where(r => r[0].Text == Harmlessness).Select(r => r[1].Text).ToArray();
        helpfulness.Should().HaveCount(2).And.OnlyContain(t => !t.Contains("COT-") && t.Contains("final summary"));
        harmlessness.Should().HaveCount(2).And.OnlyContain(t => t.Contains("COT-") && t.Contains("whole response"));
    }

    [Test]
    public async Task Named_judge_options_bind_from_their_own_configuration_subsections()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rewards:Judge:ModelId"] = "grader-7b",
            ["Rewards:Judge:Scope"] = "FinalAnswer",
            ["Rewards:Judges:helpfulness:ModelId"] = "rubric-70b",
            ["Rewards:Judges:helpfulness:MaxAnswerChars"] = "500",
            ["Rewards:Judges:harmlessness:Scope"] = "Summary",
            ["Rewards:Judges:harmlessness:Instructions"] = "Configured harmlessness rubric: reply CORRECT or INCORRECT.",
        }).Build();
        var rubric = new RecordingChatClient();
        using var provider = Build(new RecordingChatClient(), rubric, config);

        var monitor = provider.GetRequiredService<IOptionsMonitor<JudgeOptions>>();
        var judge = provider.GetRequiredService<IOptions<JudgeOptions>>().Value;
        var helpfulness = monitor.Get("helpfulness");
        var harmlessness = monitor.Get("harmlessness");
        await provider.GetRequiredService<IRewardScorer>().ScoreAsync(Batch);

        (judge.ModelId, judge.Scope, judge.RequireReference).Should().Be(("grader-7b", JudgeScope.FinalAnswer, true));
        (helpfulness.ModelId, helpfulness.MaxAnswerChars, helpfulness.Scope, helpfulness.Instructions)
            .Should().Be(("rubric-70b", 500, JudgeScope.Summary, Helpfulness));
        (harmlessness.ModelId, harmlessness.Scope).Should().Be((null, JudgeScope.WholeResponse), "the code's configure runs after binding");
        harmlessness.Instructions.Should().Be(Harmlessness);
        rubric.Requests.Should().HaveCount(4);
    }

    [Test]
    public async Task Configuration_alone_can_make_a_named_judge_a_summary_rubric_judge()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rewards:Judges:style:Scope"] = "Summary",
            ["Rewards:Judges:style:RequireReference"] = "false",
            ["Rewards:Judges:style:Instructions"] = "Style rubric: reply CORRECT or INCORRECT.",
        }).Build();
        var client = new RecordingChatClient();
        var services = new ServiceCollection();
        services.AddKeyedChatClient("rubric", client);
        services.AddReasoningRewards(b => b.BindConfiguration(config.GetSection("Rewards")).AddJudge("rubric", name: "style"));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync(Batch);

        result["style"].Should().OnlyContain(s => s.Value == 1.0);
        client.Requests.Should().OnlyContain(r => r[0].Text == "Style rubric: reply CORRECT or INCORRECT." && !r[1].Text.Contains("COT-"));
    }

    [Test]
    public async Task General_prompts_route_to_the_rubric_judges_and_math_prompts_to_the_grader()
    {
        var grader = new RecordingChatClient();
        var rubric = new RecordingChatClient();
        var services = new ServiceCollection();
        services.AddKeyedChatClient("grader", grader);
        services.AddKeyedChatClient("rubric", rubric);
        services.AddReasoningRewards(b => b
            .AddJudge("grader")
            .AddJudge("rubric", configure: o => { o.Scope = JudgeScope.Summary; o.RequireReference = false; }, name: "helpfulness")
            .Route("math", "judge").Route("general", "helpfulness"));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync(
            [Batch[0] with { TaskType = "math" }, Batch[1] with { TaskType = "general" }]);

        grader.UserMessages.Should().ContainSingle().Which.Should().Contain("6 * 7");
        rubric.UserMessages.Should().ContainSingle().Which.Should().Contain("Hi there!");
        result.Total.Should().Equal(1.0, 1.0);
    }

    [Test]
    public void A_missing_chat_client_names_the_judge_and_the_key()
    {
        var services = new ServiceCollection();
        services.AddReasoningRewards(b => b.AddJudge("nope", name: "helpfulness"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IRewardScorer>();

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("The judge reward 'helpfulness' needs an IChatClient registered with the key 'nope'*");
    }
}
