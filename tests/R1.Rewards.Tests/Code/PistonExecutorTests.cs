using R1.Rewards.Code;

namespace R1.Rewards.Tests.Code;

/// <summary>The remote executor against a loopback fake of Piston's API.</summary>
public class PistonExecutorTests
{
    private static CodeExecutionOptions Options(string url, double wall = 10) =>
        new() { RemoteUrl = url, WallTimeSeconds = wall, MaxParallelProcesses = 2 };

    [Test]
    public async Task Runs_humaneval_problems_remotely_with_the_same_harness()
    {
        using var piston = new FakePiston();
        var options = Options(piston.Url);
        var reward = new CodeExecutionReward(options, new PistonExecutor(new HttpClient(), options));
        var problems = HumanEvalData.Problems.Take(6).ToArray();
        var samples = problems.Select(p => HumanEvalData.Sample(p, HumanEvalData.CanonicalCompletion(p)))
            .Append(HumanEvalData.Sample(problems[0], $"```python\n{problems[0].Prompt}    return False\n```")).ToArray();

        var scores = await reward.ScoreAsync(samples);

        scores.Take(6).Should().OnlyContain(s => s.Value == 1.0);
        scores[6].Value.Should().BeApproximately(3.0 / 7.0, 1e-12);
        var request = piston.Requests[0];
        request["language"]!.GetValue<string>().Should().Be("python");
        request["files"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).Should().Equal("python_harness.py", "job.json");
        request["run_timeout"]!.GetValue<long>().Should().Be(10_000);
    }

    [Test]
    public async Task A_remote_timeout_scores_zero()
    {
        using var piston = new FakePiston();
        var options = Options(piston.Url, wall: 1);
        var executor = new PistonExecutor(new HttpClient(), options);

        var result = await executor.ExecuteAsync(new CodeExecutionRequest("import time\ntime.sleep(30)", "assert True", null, true));

        result.Outcome.Should().Be(CodeExecutionOutcome.WallTimeExceeded);
        result.Passed.Should().Be(0);
    }

    [Test]
    public async Task Service_errors_are_not_applicable_with_the_reason()
    {
        using var piston = new FakePiston { FailWith = (400, """{"message":"python-* runtime is unknown"}""") };
        var options = Options(piston.Url);
        var reward = new CodeExecutionReward(options, new PistonExecutor(new HttpClient(), options));
        var unreachable = Options("http://127.0.0.1:1/");
        var offline = new CodeExecutionReward(unreachable, new PistonExecutor(new HttpClient(), unreachable));
        var sample = HumanEvalData.Sample(HumanEvalData.Problems[0], HumanEvalData.CanonicalCompletion(HumanEvalData.Problems[0]));

        var rejected = (await reward.ScoreAsync([sample]))[0];
        var down = (await offline.ScoreAsync([sample]))[0];

        rejected.IsApplicable.Should().BeFalse();
        rejected.Diagnostic.Should().Be("""remote executor returned 400: {"message":"python-* runtime is unknown"}""");
        down.IsApplicable.Should().BeFalse();
        down.Diagnostic.Should().StartWith("remote executor failed:");
    }
}
