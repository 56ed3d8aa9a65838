using System.Diagnostics;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rewards.Judge;
using R1.Rewards.Tests.Composition;

namespace R1.Rewards.Tests.Judge;

/// <summary>A judge client that errors, hangs (ignoring cancellation) or talks nonsense: the score is missing, the batch goes on.</summary>
public class JudgeFailureTests
{
    private static RewardSample Sample(string final) => new()
    {
        Prompt = "What is 6 * 7?", Completion = $"<think>6 * 7 is 42.</think> <answer>{final}</answer>", Answer = "42",
    };

    private static JudgeReward Judge(ScriptedChatClient client, int timeoutMs = 200) => new(client,
        new JudgeOptions
        {
            Timeout = TimeSpan.FromMilliseconds(timeoutMs), MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(1), CacheSize = 0,
        });

    [Test]
    public async Task A_client_that_never_answers_and_ignores_cancellation_times_out_as_missing()
    {
        var client = new ScriptedChatClient(_ => ScriptedChatClient.Never());
        using var judge = Judge(client);
        var clock = Stopwatch.StartNew();

        var score = (await judge.ScoreAsync([Sample("42")]))[0];

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        score.IsMissing.Should().BeTrue();
        score.Diagnostic.Should().Contain("judge failed after 2 attempts: timed out after 0.2 s");
        client.RequestCount.Should().Be(2);
    }

    [Test]
    public async Task Errors_hangs_and_garbage_are_missing_next_to_real_verdicts_and_the_scorer_warns_once()
    {
        var client = new ScriptedChatClient(body =>
            body.Contains("final answer:\n1") ? throw new HttpRequestException("connection refused")
            : body.Contains("final answer:\n2") ? ScriptedChatClient.Never()
            : body.Contains("final answer:\n3") ? Task.FromResult("no idea, sorry")
            : Task.FromResult(body.Contains("final answer:\n42") ? "CORRECT" : "INCORRECT"));
        using var judge = Judge(client, timeoutMs: 1000);     // generous, so that the good replies arrive in time on a loaded machine
        var logs = new ListLoggerProvider();
        var scorer = new RewardScorer([(judge, 1.0)], TimeSpan.FromSeconds(30), logs.CreateLogger("scorer"));

        var result = await scorer.ScoreAsync([Sample("42"), Sample("1"), Sample("2"), Sample("3"), Sample("41")]);

        result["judge"].Select(s => s.Value).Should().Equal(1.0, null, null, null, 0.0);
        result.TotalMissing.Should().Equal(false, true, true, true, false);
        result["judge"][1].Diagnostic.Should().Contain("HttpRequestException: connection refused");
        result["judge"][2].Diagnostic.Should().Contain("timed out");
        result["judge"][3].Diagnostic.Should().Contain("unparseable judge reply");
        logs.Lines.Where(l => l.StartsWith("Warning")).Should().ContainSingle()
            .Which.Should().Contain("Reward judge: 3/5 scores missing (samples 1, 2, 3)");
    }
}
