using Polly.Timeout;
using R1.Rollout.Engines;
using R1.Rollout.Generation;

namespace R1.Rollout.Tests.Engines;

/// <summary>Endpoints that are down or slow: the request moves to another endpoint, or fails with a clear error after its retries.</summary>
public sealed class RolloutEngineFaultTests
{
    private static readonly SamplingOptions Sampling = new() { MaxNewTokens = 4, Seed = 2 };

    [Test]
    public async Task A_request_to_an_endpoint_that_is_down_goes_to_the_other_one()
    {
        await using var server = await EngineFixtures.StartServerAsync();
        using var engine = new OpenAiCompatibleRolloutEngine(EngineFixtures.Options(EngineFixtures.ClosedPortUrl(), server.BaseAddress));
        var prompts = Enumerable.Range(0, 4).Select(i => (IReadOnlyList<int>)[1 + i]).ToList();
        var groups = await engine.GenerateGroupsAsync(prompts, 2, Sampling);
        groups.Should().HaveCount(4).And.AllSatisfy(g => g.Should().HaveCount(2));
        engine.Endpoints[0].Failed.Should().BeGreaterThan(0);
        engine.Endpoints[0].Completed.Should().Be(0);
        engine.Endpoints[1].Completed.Should().Be(4);
    }

    [Test]
    public async Task A_slow_endpoint_times_out_and_the_request_is_retried_on_the_other_one()
    {
        using var slow = new SlowEndpoint();
        await using var server = await EngineFixtures.StartServerAsync();
        var options = EngineFixtures.Options(slow.Url, server.BaseAddress);
        options.Timeout = TimeSpan.FromSeconds(1);
        using var engine = new OpenAiCompatibleRolloutEngine(options);
        var prompts = Enumerable.Range(0, 3).Select(i => (IReadOnlyList<int>)[1 + i]).ToList();
        var groups = await engine.GenerateGroupsAsync(prompts, 1, Sampling);
        groups.Should().HaveCount(3);
        slow.Requests.Should().BeGreaterThan(0);
        engine.Endpoints[0].Failed.Should().Be(slow.Requests);
        engine.Endpoints[1].Completed.Should().Be(3);
    }

    [Test]
    public async Task When_every_attempt_times_out_the_error_names_the_endpoint_and_the_attempts()
    {
        using var slow = new SlowEndpoint();
        var options = EngineFixtures.Options(slow.Url);
        options.Timeout = TimeSpan.FromMilliseconds(300);
        options.MaxRetries = 1;
        using var engine = new OpenAiCompatibleRolloutEngine(options);
        var act = () => engine.GenerateGroupsAsync([[1, 2]], 2, Sampling);
        var error = (await act.Should().ThrowAsync<RolloutEngineException>()).Which;
        error.Message.Should().Contain("2 attempt(s)").And.Contain(slow.Url.Authority);
        error.InnerException.Should().BeOfType<TimeoutRejectedException>();
        slow.Requests.Should().Be(2);
    }

    [Test]
    public async Task No_more_than_the_concurrency_limit_is_in_flight_on_an_endpoint_and_the_rest_wait()
    {
        using var slow = new SlowEndpoint();
        var options = EngineFixtures.Options(slow.Url);
        options.MaxConcurrencyPerEndpoint = 2;
        using var engine = new OpenAiCompatibleRolloutEngine(options);
        using var cts = new CancellationTokenSource();
        var prompts = Enumerable.Range(0, 5).Select(i => (IReadOnlyList<int>)[1 + i]).ToList();
        var run = engine.GenerateGroupsAsync(prompts, 1, Sampling, cts.Token);
        for (int i = 0; i < 200 && slow.Requests < 2; i++) await Task.Delay(25);
        await Task.Delay(200);
        slow.Requests.Should().Be(2);
        engine.Endpoints[0].InFlight.Should().Be(5);
        await cts.CancelAsync();
        await run.Invoking(r => r).Should().ThrowAsync<OperationCanceledException>();
        engine.Endpoints[0].InFlight.Should().Be(0);
    }

    [Test]
    public async Task Cancelling_stops_the_rollouts()
    {
        using var slow = new SlowEndpoint();
        using var engine = new OpenAiCompatibleRolloutEngine(EngineFixtures.Options(slow.Url));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var act = () => engine.GenerateGroupsAsync([[1]], 1, Sampling, cts.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
