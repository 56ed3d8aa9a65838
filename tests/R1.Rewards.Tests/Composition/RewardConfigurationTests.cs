using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Judge;
using R1.Rewards.Language;
using R1.Rewards.Tests.Judge;

namespace R1.Rewards.Tests.Composition;

public class RewardConfigurationTests
{
    private const string AppSettings = """
    {
      "Rewards": {
        "RewardTimeout": "00:01:00",
        "Weights": { "format": 0.5, "language": 0.25 },
        "Format": { "Style": "R1", "Mode": "Lenient", "PartialCredit": true, "PartialCreditPerTag": 0.1 },
        "Language": { "TargetLanguage": "ko", "MinWords": 2, "NeutralizeMath": false },
        "Judge": { "ModelId": "grader-7b", "Timeout": "00:00:05", "MaxRetries": 1, "CacheSize": 100 }
      }
    }
    """;

    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private static readonly RewardSample[] Batch =
    [
        new() { Prompt = "6 곱하기 7은?", Completion = "<think>6 곱하기 7 은 42 입니다</think> 답은 42 입니다", Answer = "42" },
        new() { Prompt = "6 곱하기 7은?", Completion = "<think>six times seven is forty-two</think>", Answer = "42" },
    ];

    [Test]
    public void Options_and_weights_bind_from_an_appsettings_json_section()
    {
        var services = new ServiceCollection();
        services.AddKeyedChatClient("grader", new FakeChatClient());
        services.AddReasoningRewards(b => b
            .BindConfiguration(Json(AppSettings).GetSection(RewardPipelineOptions.SectionName))
            .AddFormat()
            .AddLanguageConsistency()
            .AddJudge("grader"));
        using var provider = services.BuildServiceProvider();

        var format = provider.GetRequiredService<IOptions<FormatRewardOptions>>().Value;
        var language = provider.GetRequiredService<IOptions<LanguageConsistencyOptions>>().Value;
        var judge = provider.GetRequiredService<IOptions<JudgeOptions>>().Value;
        var pipeline = provider.GetRequiredService<IOptions<RewardPipelineOptions>>().Value;

        (format.Style, format.Mode, format.PartialCredit, format.PartialCreditPerTag).Should().Be((FormatStyle.R1, FormatMode.Lenient, true, 0.1));
        (language.TargetLanguage, language.MinWords, language.NeutralizeMath).Should().Be(("ko", 2, false));
        (judge.ModelId, judge.Timeout, judge.MaxRetries, judge.CacheSize).Should().Be(("grader-7b", TimeSpan.FromSeconds(5), 1, 100));
        pipeline.RewardTimeout.Should().Be(TimeSpan.FromMinutes(1));
    }

    [Test]
    public async Task Configured_weights_override_the_registration_weights_in_the_total()
    {
        var services = new ServiceCollection();
        services.AddReasoningRewards(b => b
            .BindConfiguration(Json(AppSettings).GetSection("Rewards"))
            .AddFormat(weight: 10)
            .AddLanguageConsistency(weight: 10));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync(Batch);

        result.Weights.Should().Equal(0.5, 0.25);
        result["format"].Select(s => s.Value).Should().Equal([1.0, 0.2], "R1 lenient; the second has no summary: 2 tags x 0.1 partial credit");
        result["language"].Select(s => s.Value).Should().Equal(1.0, 0.0);
        result.Total.Should().Equal(0.5 * 1.0 + 0.25 * 1.0, 0.5 * 0.2 + 0.25 * 0.0);
    }

    [Test]
    public void Code_arguments_apply_after_in_memory_configuration()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rewards:Language:TargetLanguage"] = "ja",
            ["Rewards:Language:MinWords"] = "5",
            ["Rewards:Format:Style"] = "R1",
        }).Build();
        var services = new ServiceCollection();
        services.AddReasoningRewards(b => b.AddLanguageConsistency("ko").AddFormat(configure: o => o.Mode = FormatMode.Lenient)
            .BindConfiguration(config.GetSection("Rewards")));
        using var provider = services.BuildServiceProvider();

        var language = provider.GetRequiredService<IOptions<LanguageConsistencyOptions>>().Value;
        var format = provider.GetRequiredService<IOptions<FormatRewardOptions>>().Value;

        (language.TargetLanguage, language.MinWords).Should().Be(("ko", 5));
        (format.Style, format.Mode).Should().Be((FormatStyle.R1, FormatMode.Lenient));
    }

    [Test]
    public async Task Registering_the_rewards_twice_is_harmless()
    {
        var services = new ServiceCollection();
        services.AddReasoningRewards(b => b.AddFormat().AddLanguageConsistency("ko"));
        services.AddReasoningRewards(b => b.AddFormat().AddLanguageConsistency("ko", weight: 0.5));
        using var provider = services.BuildServiceProvider();

        var scorer = provider.GetRequiredService<IRewardScorer>();
        var result = await scorer.ScoreAsync(Batch);

        services.Count(d => d.ServiceType == typeof(IRewardScorer)).Should().Be(1);
        scorer.RewardNames.Should().Equal("format", "language");
        result.Weights.Should().Equal([1.0, 0.5], "the last registration of a name wins");
        result["language"].Select(s => s.Value).Should().Equal(1.0, 0.0);
    }

    [Test]
    public async Task The_scorer_runs_every_reward_and_logs_a_summary_with_reasons()
    {
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddKeyedChatClient("grader", new FakeChatClient());
        services.AddReasoningRewards(b => b.AddFormat(configure: o => o.Style = FormatStyle.R1).AddLanguageConsistency("ko")
            .AddJudge("grader", weight: 2));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync(Batch);

        result.RewardNames.Should().Equal("format", "language", "judge");
        result["judge"][0].Value.Should().Be(1.0);
        result["judge"][1].Diagnostic.Should().StartWith("no final answer");
        result.Total.Should().Equal(1.0 + 1.0 + 2.0, 0.0 + 0.0 + 0.0);
        logs.Lines.Should().Contain(l => l.Contains("Reward judge: mean 1 over 1/2 applicable (weight 2)") && l.Contains("not applicable: 1x"));
    }

    /// <summary>An in-process chat client: says CORRECT when the final answer contains 42.</summary>
    private sealed class FakeChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            string user = messages.Last().Text;
            string final = user[(user.IndexOf("Student's final answer:", StringComparison.Ordinal) + 23)..];
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, final.Contains("42") ? "CORRECT" : "INCORRECT")));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
