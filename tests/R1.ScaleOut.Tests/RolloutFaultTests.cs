using R1.Rollout;
using R1.Rollout.Engines;
using R1.Rollout.Generation;

namespace R1.ScaleOut.Tests;

/// <summary>
/// <see cref="OpenAiCompatibleRolloutEngine"/> over two <c>r1 serve</c> processes holding the same checkpoint: the prompts fan out
/// to both; a process killed while rollouts are in flight costs retries, not the call, and (the server seeds choice g of a seeded
/// request deterministically) the results equal a healthy run's; with both dead, or a server that never answers, the error
/// names the endpoints. Each test starts from two running processes (a killed one is restarted on its port).
/// </summary>
[TestFixture]
public sealed class RolloutFaultTests
{
    private Policy _policy = null!;
    private EngineProcess _a = null!, _b = null!;

    [OneTimeSetUp]
    public void LoadPolicy() => _policy = Policy.Load(ScaleOutModels.QwenFolder);

    [OneTimeTearDown]
    public void DisposePolicy() => _policy.Dispose();

    [SetUp]
    public async Task BothRunning() => (_a, _b) = await SharedEngines.StartAsync();

    [Test]
    public async Task Rollouts_fan_out_to_both_processes_and_equal_the_in_process_engines()
    {
        var prompts = Rollouts.Prompts(_policy.Tokenizer, 8);
        var sampling = new SamplingOptions { MaxNewTokens = 8, Seed = 7 };
        var (a0, b0) = (await _a.RowsDecodedAsync(), await _b.RowsDecodedAsync());
        using var engine = new OpenAiCompatibleRolloutEngine(Rollouts.Options(ScaleOutModels.QwenId, _a.BaseAddress, _b.BaseAddress));
        var groups = await engine.GenerateGroupsAsync(prompts, 2, sampling);
        var (a1, b1) = (await _a.RowsDecodedAsync(), await _b.RowsDecodedAsync());

        (a1 - a0).Should().BePositive("process A served some prompts");
        (b1 - b0).Should().BePositive("process B served some prompts");
        (a1 - a0 + b1 - b0).Should().Be(8 * 2, "each of the 8 prompts' 2 samples was decoded once, on one process");
        var local = await new InProcessRolloutEngine(_policy, seedPerSample: true).GenerateGroupsAsync(prompts, 2, sampling);
        Rollouts.ShouldMatch(groups, local);
    }

    [Test]
    public async Task A_process_killed_mid_rollout_costs_retries_on_the_other_and_the_results_equal_a_healthy_runs()
    {
        var prompts = Rollouts.Prompts(_policy.Tokenizer, 6);
        var sampling = new SamplingOptions { MaxNewTokens = 16, Seed = 11 };
        using var engine = new OpenAiCompatibleRolloutEngine(Rollouts.Options(ScaleOutModels.QwenId, _a.BaseAddress, _b.BaseAddress));
        var healthy = await engine.GenerateGroupsAsync(prompts, 4, sampling);

        long b0 = await _b.RowsDecodedAsync();
        var run = engine.GenerateGroupsAsync(prompts, 4, sampling);
        (await WaitForInFlightAsync(_a)).Should().BeTrue($"process A took some of the prompts before it was killed\n{_a.Output}");
        _a.Kill();
        var survived = await run;
        long servedByB = await _b.RowsDecodedAsync() - b0;

        Rollouts.ShouldMatch(survived, healthy);
        servedByB.Should().BeGreaterThan(3 * 4, "B decoded its own half (3 prompts × G = 4) and the retries of A's requests");
        _a.IsRunning.Should().BeFalse();

        await _a.RestartAsync();
        long a0 = await _a.RowsDecodedAsync();
        Rollouts.ShouldMatch(await engine.GenerateGroupsAsync(prompts.Take(2).ToList(), 4, sampling), healthy.Take(2).ToList());
        (await _a.RowsDecodedAsync() - a0).Should().BePositive("the restarted process, on its old port, serves the same engine again");
    }

    [Test]
    public async Task With_both_processes_killed_the_error_names_both_endpoints()
    {
        _a.Kill();
        _b.Kill();
        var options = Rollouts.Options(ScaleOutModels.QwenId, _a.BaseAddress, _b.BaseAddress);
        options.MaxRetries = 1;
        using var engine = new OpenAiCompatibleRolloutEngine(options);
        var act = () => engine.GenerateGroupsAsync(Rollouts.Prompts(_policy.Tokenizer, 2), 2, new SamplingOptions { MaxNewTokens = 4, Seed = 1 });
        var error = (await act.Should().ThrowAsync<RolloutEngineException>()).Which;
        error.Message.Should().Contain("2 attempt(s)").And.Contain(_a.BaseAddress.Authority).And.Contain(_b.BaseAddress.Authority);
        error.InnerException.Should().BeAssignableTo<HttpRequestException>("nothing listens on the dead processes' ports");
    }

    [Test]
    public async Task A_server_that_never_answers_times_out_per_attempt_and_the_process_serves_the_retries()
    {
        using var slow = new SlowEndpoint();
        var options = Rollouts.Options(ScaleOutModels.QwenId, slow.Url, _b.BaseAddress);
        options.Timeout = TimeSpan.FromSeconds(1);
        using var engine = new OpenAiCompatibleRolloutEngine(options);
        var prompts = Rollouts.Prompts(_policy.Tokenizer, 4);
        var sampling = new SamplingOptions { MaxNewTokens = 6, Seed = 3 };
        long b0 = await _b.RowsDecodedAsync();
        var groups = await engine.GenerateGroupsAsync(prompts, 2, sampling);

        slow.Requests.Should().BePositive("the least-busy choice sent it some prompts first");
        (await _b.RowsDecodedAsync() - b0).Should().Be(4 * 2, "every prompt ended on the process, once");
        Rollouts.ShouldMatch(groups, await new InProcessRolloutEngine(_policy, seedPerSample: true).GenerateGroupsAsync(prompts, 2, sampling));
    }

    [Test]
    public async Task When_the_only_live_process_is_killed_and_the_other_never_answers_the_error_says_so()
    {
        using var slow = new SlowEndpoint();
        _a.Kill();
        var options = Rollouts.Options(ScaleOutModels.QwenId, slow.Url, _a.BaseAddress);
        options.Timeout = TimeSpan.FromMilliseconds(500);
        options.MaxRetries = 2;
        using var engine = new OpenAiCompatibleRolloutEngine(options);
        var act = () => engine.GenerateGroupsAsync(Rollouts.Prompts(_policy.Tokenizer, 1), 2, new SamplingOptions { MaxNewTokens = 4, Seed = 1 });
        var error = (await act.Should().ThrowAsync<RolloutEngineException>()).Which;
        error.Message.Should().Contain("3 attempt(s)").And.Contain(slow.Url.Authority).And.Contain(_a.BaseAddress.Authority);
        slow.Requests.Should().BePositive();
    }

    /// <summary>Polls <c>/health</c> until the process has a request in flight (true) or 20 s passed (false).</summary>
    private static async Task<bool> WaitForInFlightAsync(EngineProcess engine)
    {
        for (var end = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < end; await Task.Delay(2))
            if (await engine.InFlightAsync() > 0) return true;
        return false;
    }
}
