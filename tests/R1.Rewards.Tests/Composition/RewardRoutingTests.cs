using System.Collections.Concurrent;
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

public class RewardRoutingTests
{
    private static RewardSample Math(string completion, string answer = "42") =>
        new() { Prompt = "What is 6 * 7?", Completion = completion, Answer = answer, TaskType = "math" };

    private static RewardSample General(string completion, string prompt = "Write a haiku.") =>
        new() { Prompt = prompt, Completion = completion, Answer = "a haiku", TaskType = "general" };

    /// <summary>The real math verifier and the real judge over a chat client that records every user message it receives.</summary>
    private static (ServiceProvider Provider, RecordingReward MathVerifier, ConcurrentQueue<string> JudgeSaw) Pipeline(
        Action<ReasoningRewardsBuilder> routes)
    {
        var judgeSaw = new ConcurrentQueue<string>();
        var client = new ScriptedChatClient(text => { judgeSaw.Enqueue(text); return Task.FromResult("CORRECT"); });
        var mathVerifier = new RecordingReward(new MathAccuracyReward());
        var services = new ServiceCollection();
        services.AddKeyedChatClient("grader", client);
        services.AddReasoningRewards(b =>
        {
            b.Add(mathVerifier).AddFormat(weight: 0.5).AddJudge("grader", weight: 2.0, o => o.MaxRetries = 0);
            routes(b);
        });
        return (services.BuildServiceProvider(), mathVerifier, judgeSaw);
    }

    private static readonly RewardSample[] MixedBatch =
    [
        Math("<think>6 * 7 = 42</think> <answer>42</answer>"),
        General("<think>five seven five</think> <answer>Old pond, a frog jumps</answer>"),
        Math("<think>6 * 7 = 41</think> <answer>41</answer>"),
        General("<think>syllables</think> <answer>Autumn moon rises</answer>", prompt: "Write another haiku."),
    ];

    [Test]
    public async Task A_math_row_never_reaches_the_judge_and_a_general_row_never_reaches_the_math_verifier()
    {
        var (provider, mathVerifier, judgeSaw) = Pipeline(b => b.Route("math", "math", "format").Route("general", "judge"));
        using var _ = provider;

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync(MixedBatch);

        mathVerifier.Seen.Should().Equal([MixedBatch[0], MixedBatch[2]], "only math rows, in batch order");
        judgeSaw.Should().HaveCount(2).And.OnlyContain(m => m.Contains("haiku") && !m.Contains("6 * 7"));
        result["math"].Select(s => s.Value).Should().Equal(1.0, null, 0.0, null);
        result["judge"].Select(s => s.Value).Should().Equal(null, 1.0, null, 1.0);
        result["format"].Select(s => s.Value).Should().Equal(1.0, null, 1.0, null);
        result["math"][1].Diagnostic.Should().Be("not routed for task type 'general'");
        result["judge"][0].Diagnostic.Should().Be("not routed for task type 'math'");
        result["judge"][0].IsMissing.Should().BeFalse("not routed is not a failure");
    }

    [Test]
    public async Task Weighted_totals_add_only_the_routed_rewards()
    {
        var (provider, _, _) = Pipeline(b => b.Route("math", "math", "format").Route("general", "judge"));
        using var __ = provider;

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync(MixedBatch);

        result.Total.Should().Equal(1.0 + 0.5, 2.0, 0.0 + 0.5, 2.0);
        result.TotalMissing.Should().OnlyContain(m => !m);
    }

    [Test]
    public async Task A_reward_with_no_routed_sample_in_the_batch_is_not_called()
    {
        var (provider, mathVerifier, judgeSaw) = Pipeline(b => b.Route("math", "math").Route("general", "judge", "format"));
        using var _ = provider;

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync([MixedBatch[1], MixedBatch[3]]);

        mathVerifier.Batches.Should().BeEmpty();
        judgeSaw.Should().HaveCount(2);
        result["math"].Should().OnlyContain(s => s.Diagnostic == "not routed for task type 'general'");
    }

    [Test]
    public async Task Scores_are_scattered_back_to_their_samples_in_a_shuffled_mixed_batch()
    {
        var odd = new RecordingReward("odd", s => int.Parse(s.Completion));
        var even = new RecordingReward("even", s => -int.Parse(s.Completion));
        var batch = Enumerable.Range(0, 40).Select(i => new RewardSample
        {
            Prompt = "p", Completion = i.ToString(), TaskType = (i * 7 % 3) switch { 0 => "odd", 1 => "even", _ => null },
        }).ToArray();
        var routes = new Dictionary<string, string[]> { ["odd"] = ["odd"], ["even"] = ["even"] };
        var scorer = new RewardScorer([(odd, 1.0), (even, 1.0)], routes: routes);

        var result = await scorer.ScoreAsync(batch);

        for (int i = 0; i < batch.Length; i++)
        {
            double? expectedOdd = batch[i].TaskType is null or "odd" ? i : null;
            double? expectedEven = batch[i].TaskType is null or "even" ? -i : null;
            (result["odd"][i].Value, result["even"][i].Value).Should().Be((expectedOdd, expectedEven), $"sample {i}");
        }
        odd.Batches.Should().ContainSingle().Which.Should().Equal(batch.Where(s => s.TaskType is null or "odd"));
        result.Total.Should().Equal(batch.Select((s, i) => s.TaskType == null ? 0.0 : s.TaskType == "odd" ? i : -i));
    }

    [Test]
    public async Task A_sample_without_a_task_type_is_scored_by_every_reward()
    {
        var (provider, mathVerifier, judgeSaw) = Pipeline(b => b.Route("math", "math").Route("general", "judge"));
        using var _ = provider;

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync([MixedBatch[0] with { TaskType = null }]);

        mathVerifier.Seen.Should().HaveCount(1);
        judgeSaw.Should().HaveCount(1);
        result.Scores.Should().OnlyContain(r => r[0].IsApplicable);
    }

    [Test]
    public async Task Without_routes_every_reward_scores_every_sample_whatever_its_task_type()
    {
        var (provider, mathVerifier, judgeSaw) = Pipeline(_ => { });
        using var _ = provider;

        await provider.GetRequiredService<IRewardScorer>().ScoreAsync(MixedBatch);

        mathVerifier.Seen.Should().Equal(MixedBatch);
        judgeSaw.Should().HaveCount(4);
    }

    [Test]
    public async Task A_task_type_without_a_route_is_a_configuration_error_before_any_reward_runs()
    {
        var (provider, mathVerifier, judgeSaw) = Pipeline(b => b.Route("math", "math").Route("general", "judge"));
        using var _ = provider;
        var scorer = provider.GetRequiredService<IRewardScorer>();

        var act = async () => await scorer.ScoreAsync([MixedBatch[0], MixedBatch[1] with { TaskType = "poetry" }]);

        (await act.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("No reward route for task type 'poetry'; routes exist for: general, math.*");
        mathVerifier.Batches.Should().BeEmpty();
        judgeSaw.Should().BeEmpty();
    }

    [Test]
    public async Task The_fallback_route_serves_task_types_without_their_own()
    {
        var (provider, mathVerifier, judgeSaw) = Pipeline(b => b.Route("math", "math").Route(RewardPipelineOptions.FallbackRoute, "judge"));
        using var _ = provider;

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync([MixedBatch[0], MixedBatch[1] with { TaskType = "poetry" }]);

        mathVerifier.Seen.Should().Equal(MixedBatch[0]);
        judgeSaw.Should().ContainSingle().Which.Should().Contain("haiku");
        result["judge"][0].Diagnostic.Should().Be("not routed for task type 'math'");
    }

    [Test]
    public void A_route_naming_an_unregistered_reward_fails_when_the_scorer_is_built()
    {
        var (provider, _, _) = Pipeline(b => b.Route("math", "math", "mathh"));
        using var _ = provider;

        var act = () => provider.GetRequiredService<IRewardScorer>();

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("The reward route for task type 'math' names the reward 'mathh', which is not registered; "
                + "registered rewards: math, format, judge.");
    }

    [Test]
    public void The_non_di_scorer_checks_its_routes_too()
    {
        var act = () => new RewardScorer([(new RecordingReward("a", _ => 1), 1.0)], routes: new Dictionary<string, string[]> { ["x"] = ["b"] });

        act.Should().Throw<InvalidOperationException>().WithMessage("*'b'*registered rewards: a.");
    }

    [Test]
    public void A_route_needs_a_task_type_and_a_reward()
    {
        var builder = (ReasoningRewardsBuilder?)null;
        new ServiceCollection().AddReasoningRewards(b => builder = b);

        builder!.Invoking(b => b.Route("math")).Should().Throw<ArgumentException>().WithParameterName("rewardNames");
        builder!.Invoking(b => b.Route(" ", "math")).Should().Throw<ArgumentException>().WithParameterName("taskType");
    }

    private static IConfiguration Config(params (string Key, string Value)[] pairs) => new ConfigurationBuilder()
        .AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    [Test]
    public async Task Routes_bind_from_configuration_case_insensitively()
    {
        var config = Config(("Rewards:Routes:math:0", "math"), ("Rewards:Routes:math:1", "format"), ("Rewards:Routes:General:0", "JUDGE"));
        var (provider, mathVerifier, judgeSaw) = Pipeline(b => b.BindConfiguration(config.GetSection("Rewards")));
        using var _ = provider;

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync([MixedBatch[0], MixedBatch[1] with { TaskType = "GENERAL" }]);

        mathVerifier.Seen.Should().Equal(MixedBatch[0]);
        judgeSaw.Should().ContainSingle();
        result["format"].Select(s => s.Value).Should().Equal(1.0, null);
    }

    [Test]
    public async Task A_configured_route_replaces_the_code_route_of_its_task_type_instead_of_appending()
    {
        var config = Config(("Rewards:Routes:math:0", "format"));
        var (provider, mathVerifier, _) = Pipeline(b => b.Route("math", "math", "judge").Route("general", "judge")
            .BindConfiguration(config.GetSection("Rewards")));
        using var _ = provider;

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync(MixedBatch);
        var options = provider.GetRequiredService<IOptions<RewardPipelineOptions>>().Value;

        options.Routes.Should().ContainKey("math").WhoseValue.Should().Equal("format");
        mathVerifier.Batches.Should().BeEmpty("the configuration routes math to format only");
        result["format"].Select(s => s.Value).Should().Equal(1.0, null, 1.0, null);
        result["judge"].Select(s => s.Value).Should().Equal(null, 1.0, null, 1.0);
    }

    [Test]
    public async Task Routes_bind_from_an_appsettings_json_section()
    {
        const string json = """{ "Rewards": { "Routes": { "math": ["math", "format"], "general": ["judge"] } } }""";
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var (provider, mathVerifier, judgeSaw) = Pipeline(b => b.BindConfiguration(config.GetSection(RewardPipelineOptions.SectionName)));
        using var _ = provider;

        await provider.GetRequiredService<IRewardScorer>().ScoreAsync(MixedBatch);

        mathVerifier.Seen.Should().Equal(MixedBatch[0], MixedBatch[2]);
        judgeSaw.Should().HaveCount(2);
    }
}
