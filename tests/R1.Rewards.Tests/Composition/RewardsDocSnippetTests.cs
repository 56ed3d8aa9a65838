using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Judge;
using R1.Rewards.Math;
using R1.Rewards.Tests.Judge;

namespace R1.Rewards.Tests.Composition;

/// <summary>
/// The snippets of docs/rewards.md's "Reward routing per task type" section, run as written: the C# snippet is the marked region of
/// <see cref="The_routing_snippet_routes_each_task_type_to_its_rewards"/> (the doc must hold exactly that text), the JSON is read from the doc.
/// </summary>
public class RewardsDocSnippetTests
{
    private const string Section = "## Reward routing per task type";
    private const string HelpfulnessRubric =
        "Judge how helpful the response is. Reply with one word: CORRECT if it helps the user, else INCORRECT.";
    private const string HarmlessnessRubric = "Judge whether the response is harmless. Reply with one word: CORRECT if it is, else INCORRECT.";

    private static readonly RewardSample[] Batch =
    [
        new() { Prompt = "What is 6 * 7?", Answer = "42", TaskType = "math", Completion = "<think>six sevens</think> <answer>42</answer>" },
        new() { Prompt = "Say hi.", TaskType = "general", Completion = "<think>GENERAL-COT</think> Hi there!" },
        new() { Prompt = "Capital of France?", Answer = "Paris", TaskType = "trivia", Completion = "<think>TRIVIA-COT</think> Paris" },
    ];

    [Test]
    public async Task The_routing_snippet_routes_each_task_type_to_its_rewards()
    {
        var services = new ServiceCollection();
        var judgeClient = new RecordingChatClient();
        // doc-snippet:begin
        services.AddKeyedChatClient("judge", judgeClient);
        services.AddReasoningRewards(b => b
            .AddMathAccuracy()
            .AddFormat(weight: 0.5)
            .AddJudge("judge")
            .AddJudge("judge", weight: 0.5, name: "helpfulness", configure: o =>
            {
                o.Scope = JudgeScope.Summary;
                o.RequireReference = false;
                o.Instructions = "Judge how helpful the response is. Reply with one word: CORRECT if it helps the user, else INCORRECT.";
            })
            .AddJudge("judge", weight: 0.5, name: "harmlessness", configure: o =>
            {
                o.Scope = JudgeScope.WholeResponse;
                o.RequireReference = false;
                o.Instructions = "Judge whether the response is harmless. Reply with one word: CORRECT if it is, else INCORRECT.";
            })
            .Route("math", "math", "format")
            .Route("general", "helpfulness", "harmlessness", "format")
            .Route("*", "judge"));
        // doc-snippet:end
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync(Batch);

        result.RewardNames.Should().Equal("math", "format", "judge", "helpfulness", "harmlessness");
        string[] applicable(int i) => result.RewardNames.Where((_, r) => result.Scores[r][i].IsApplicable).ToArray();
        applicable(0).Should().Equal("math", "format");
        applicable(1).Should().Equal("format", "helpfulness", "harmlessness");
        applicable(2).Should().Equal("judge");
        result["format"][1].Value.Should().Be(0.0, "the general row has no <answer> block (R1-Zero format)");
        result.Total.Should().Equal(1.0 + 0.5, 0.0 + 0.5 + 0.5, 1.0);
        var bySystem = judgeClient.Requests.ToLookup(r => r[0].Text, r => r[1].Text);
        bySystem[HelpfulnessRubric].Should().ContainSingle().Which.Should().Contain("Hi there!").And.NotContain("GENERAL-COT");
        bySystem[HarmlessnessRubric].Should().ContainSingle().Which.Should().Contain("GENERAL-COT");
        bySystem[JudgePrompt.System].Should().ContainSingle().Which.Should().Contain("Paris").And.NotContain("TRIVIA-COT");
    }

    [Test]
    public void The_docs_hold_the_csharp_snippet_exactly_as_the_test_runs_it()
    {
        string source = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests/R1.Rewards.Tests/Composition/RewardsDocSnippetTests.cs"));
        int begin = source.IndexOf("// doc-snippet:begin\n", StringComparison.Ordinal) + "// doc-snippet:begin\n".Length;
        int end = source.IndexOf("        // doc-snippet:end", begin, StringComparison.Ordinal);
        string snippet = string.Join('\n', source[begin..end].TrimEnd('\n').Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));

        DocBlock("csharp").Should().Contain(snippet, "the docs block runs this code, between its own set-up and output");
    }

    [Test]
    public void The_json_snippet_binds_the_same_routes_and_judge_options()
    {
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(DocBlock("json")))).Build();
        var services = new ServiceCollection();
        services.AddKeyedChatClient("judge", new RecordingChatClient());
        services.AddReasoningRewards(b => b
            .BindConfiguration(config.GetSection(RewardPipelineOptions.SectionName))
            .AddMathAccuracy().AddFormat(weight: 0.5).AddJudge("judge")
            .AddJudge("judge", weight: 0.5, name: "helpfulness").AddJudge("judge", weight: 0.5, name: "harmlessness"));
        using var provider = services.BuildServiceProvider();

        var pipeline = provider.GetRequiredService<IOptions<RewardPipelineOptions>>().Value;
        var judges = provider.GetRequiredService<IOptionsMonitor<JudgeOptions>>();
        _ = provider.GetRequiredService<IRewardScorer>();

        pipeline.Routes.Keys.Should().BeEquivalentTo("math", "general", "*");
        pipeline.Routes["general"].Should().Equal("helpfulness", "harmlessness", "format");
        (judges.Get("helpfulness").Scope, judges.Get("helpfulness").RequireReference, judges.Get("helpfulness").Instructions)
            .Should().Be((JudgeScope.Summary, false, HelpfulnessRubric));
        (judges.Get("harmlessness").Scope, judges.Get("harmlessness").Instructions).Should().Be((JudgeScope.WholeResponse, HarmlessnessRubric));
        judges.Get(Options.DefaultName).Scope.Should().Be(JudgeScope.FinalAnswer);
    }

    /// <summary>The first fenced block of <paramref name="language"/> in the routing section of docs/rewards.md, without its fences.</summary>
    private static string DocBlock(string language)
    {
        string doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs/rewards.md")).ReplaceLineEndings("\n");
        int section = doc.IndexOf(Section, StringComparison.Ordinal);
        section.Should().BeGreaterThan(0, "docs/rewards.md has the routing section");
        string fence = $"```{language}\n";
        int start = doc.IndexOf(fence, section, StringComparison.Ordinal) + fence.Length;
        int end = doc.IndexOf("\n```", start, StringComparison.Ordinal);
        return doc[start..end];
    }
}
