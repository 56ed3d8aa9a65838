using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rewards.Judge;

namespace R1.Rewards.Tests.Judge;

public class JudgeRewardTests
{
    private static readonly TimeSpan NoDelay = TimeSpan.Zero;

    private static RewardSample Sample(string final, string question = "What is 6 * 7?") => new()
    {
        Prompt = question,
        Completion = $"<think>6 * 7 is 42.</think> <answer>{final}</answer>",
        Answer = "42",
    };

    /// <summary>A judge that says CORRECT when the student's final answer mentions 42.</summary>
    private static (int, string, TimeSpan) Grade(string body) =>
        (200, body.Contains("Student's final answer:\\n42") || body.Contains("Student\\u0027s final answer:\\n42") ? "CORRECT" : "INCORRECT",
            NoDelay);

    private static JudgeReward Judge(FakeOpenAiServer server, Action<JudgeOptions>? configure = null)
    {
        var options = new JudgeOptions { RetryDelay = TimeSpan.FromMilliseconds(10), Timeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        return new JudgeReward(server.CreateChatClient(), options);
    }

    [Test]
    public async Task A_good_verdict_scores_one_or_zero_at_temperature_zero()
    {
        using var server = new FakeOpenAiServer(Grade);
        using var judge = Judge(server);

        var scores = await judge.ScoreAsync([Sample("42"), Sample("41")]);

        scores[0].Should().Be(RewardScore.Of(1.0, "judge: CORRECT"));
        scores[1].Should().Be(RewardScore.Of(0.0, "judge: INCORRECT"));
        server.Bodies.Should().OnlyContain(b => b.Contains("\"temperature\":0") && b.Contains("Reference answer:"));
    }

    [Test]
    public async Task A_garbage_reply_is_missing_and_not_retried()
    {
        using var server = new FakeOpenAiServer(_ => (200, "I think the student is probably right, maybe.", NoDelay));
        using var judge = Judge(server);

        var score = (await judge.ScoreAsync([Sample("42")]))[0];

        score.IsMissing.Should().BeTrue();
        score.Diagnostic.Should().Contain("unparseable judge reply");
        server.RequestCount.Should().Be(1);
    }

    [Test]
    public async Task A_server_error_is_retried_then_missing()
    {
        using var server = new FakeOpenAiServer(_ => (500, "boom", NoDelay));
        using var judge = Judge(server, o => o.MaxRetries = 2);

        var score = (await judge.ScoreAsync([Sample("42")]))[0];

        score.IsMissing.Should().BeTrue();
        score.Diagnostic.Should().Contain("judge failed after 3 attempts");
        server.RequestCount.Should().Be(3);
    }

    [Test]
    public async Task A_retry_after_a_server_error_can_succeed()
    {
        int calls = 0;
        using var server = new FakeOpenAiServer(body => Interlocked.Increment(ref calls) == 1 ? (500, "flaky", NoDelay) : Grade(body));
        using var judge = Judge(server, o => o.MaxRetries = 1);

        var score = (await judge.ScoreAsync([Sample("42")]))[0];

        score.Value.Should().Be(1.0);
        server.RequestCount.Should().Be(2);
    }

    [Test]
    public async Task A_slow_reply_times_out_as_missing()
    {
        using var server = new FakeOpenAiServer(_ => (200, "CORRECT", TimeSpan.FromSeconds(20)));
        using var judge = Judge(server, o => { o.Timeout = TimeSpan.FromMilliseconds(300); o.MaxRetries = 1; });
        var clock = Stopwatch.StartNew();

        var score = (await judge.ScoreAsync([Sample("42")]))[0];

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        score.IsMissing.Should().BeTrue();
        score.Diagnostic.Should().Contain("timed out after 0.3 s");
        server.RequestCount.Should().Be(2);
    }

    [Test]
    public async Task Identical_queries_hit_the_cache_and_send_one_request()
    {
        using var server = new FakeOpenAiServer(Grade);
        using var judge = Judge(server);

        var first = await judge.ScoreAsync([Sample("42"), Sample("42"), Sample("42")]);
        var second = await judge.ScoreAsync([Sample("42")]);

        first.Concat(second).Should().OnlyContain(s => s.Value == 1.0);
        second[0].Diagnostic.Should().EndWith("(cached)");
        server.RequestCount.Should().Be(1);
    }

    [Test]
    public async Task Failures_are_not_cached()
    {
        using var server = new FakeOpenAiServer(_ => (200, "???", NoDelay));
        using var judge = Judge(server);

        await judge.ScoreAsync([Sample("42")]);
        server.Reply = Grade;
        var retry = (await judge.ScoreAsync([Sample("42")]))[0];

        retry.Value.Should().Be(1.0);
        server.RequestCount.Should().Be(2);
    }

    [Test]
    public async Task Samples_without_a_reference_or_a_finished_answer_are_not_applicable_without_a_request()
    {
        using var server = new FakeOpenAiServer(Grade);
        using var judge = Judge(server);

        var scores = await judge.ScoreAsync([
            Sample("42") with { Answer = null },
            Sample("42") with { Completion = "<think>still thinking about 6 * 7" },
        ]);

        scores.Should().OnlyContain(s => !s.IsApplicable && !s.IsMissing, "not applicable is not a failure");
        scores[0].Diagnostic.Should().Be("no reference answer");
        scores[1].Diagnostic.Should().Contain("did not finish");
        server.RequestCount.Should().Be(0);
    }

    [Test]
    public async Task The_judge_resolves_its_keyed_chat_client_from_di()
    {
        using var server = new FakeOpenAiServer(Grade);
        var services = new ServiceCollection();
        services.AddKeyedChatClient("grader", server.CreateChatClient());
        services.AddReasoningRewards(b => b.AddJudge("grader", weight: 2.0, o => o.MaxRetries = 0));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync([Sample("42"), Sample("7")]);

        result["judge"].Select(s => s.Value).Should().Equal(1.0, 0.0);
        result.Total.Should().Equal(2.0, 0.0);
    }

    [Test]
    public void A_missing_chat_client_is_a_clear_error_naming_the_key()
    {
        var services = new ServiceCollection();
        services.AddReasoningRewards(b => b.AddJudge("nope"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IRewardScorer>();

        act.Should().Throw<InvalidOperationException>().WithMessage("*'nope'*");
    }
}
