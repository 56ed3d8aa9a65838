using R1.Rollout.Engines;
using R1.Rollout.Generation;

namespace R1.Rollout.Tests.Engines;

/// <summary>The remote engine against the project's own server, started in this process on loopback ports.</summary>
public sealed class OpenAiCompatibleRolloutEngineTests
{
    [Test]
    public async Task Remote_samples_with_fixed_seeds_equal_the_in_process_engines_for_the_same_policy_folder()
    {
        await using var server = await EngineFixtures.StartServerAsync();
        using var policy = Policy.Load(EngineFixtures.ModelFolder);
        var prompts = InProcessRolloutEngineTests.Prompts(policy);
        var options = new SamplingOptions { MaxNewTokens = 12, Seed = 42, Temperature = 1, TopP = 1 };
        using var remote = new OpenAiCompatibleRolloutEngine(EngineFixtures.Options(server.BaseAddress));
        var actual = await remote.GenerateGroupsAsync(prompts, 4, options);
        var expected = await new InProcessRolloutEngine(policy, seedPerSample: true).GenerateGroupsAsync(prompts, 4, options);
        actual.Should().HaveCount(2).And.AllSatisfy(g => g.Should().HaveCount(4));
        for (int i = 0; i < 2; i++)
            for (int g = 0; g < 4; g++)
            {
                var (a, e) = (actual[i][g], expected[i][g]);
                a.PromptIds.Should().Equal(prompts[i]);
                a.CompletionIds.Should().Equal(e.CompletionIds, $"sample {g} of prompt {i}");
                a.LogProbs.Zip(e.LogProbs, (x, y) => Math.Abs(x - y)).Should().OnlyContain(d => d <= 1e-4f);
                a.FinishReason.Should().Be(e.FinishReason);
            }
        actual.SelectMany(g => g).Select(r => string.Join(",", r.CompletionIds)).Distinct().Should().HaveCountGreaterThan(1);
    }

    [Test]
    public async Task Two_endpoints_share_the_load()
    {
        await using var first = await EngineFixtures.StartServerAsync();
        await using var second = await EngineFixtures.StartServerAsync();
        var options = EngineFixtures.Options(first.BaseAddress, second.BaseAddress);
        options.MaxConcurrencyPerEndpoint = 1;
        using var engine = new OpenAiCompatibleRolloutEngine(options);
        var prompts = Enumerable.Range(0, 6).Select(i => (IReadOnlyList<int>)[1 + i, 2 + i]).ToList();
        var groups = await engine.GenerateGroupsAsync(prompts, 2, new SamplingOptions { MaxNewTokens = 6, Seed = 1 });
        groups.Should().HaveCount(6).And.AllSatisfy(g => g.Should().HaveCount(2));
        engine.Endpoints.Select(e => e.Completed).Should().AllSatisfy(c => c.Should().BeGreaterThan(0)).And.Subject.Sum().Should().Be(6);
    }

    [Test]
    public async Task A_server_that_refuses_the_request_fails_with_its_message_and_no_retry()
    {
        await using var server = await EngineFixtures.StartServerAsync();
        using var engine = new OpenAiCompatibleRolloutEngine(EngineFixtures.Options(server.BaseAddress));
        var act = () => engine.GenerateGroupsAsync([[1, 2]], 2, new SamplingOptions { MaxNewTokens = 100_000 });
        (await act.Should().ThrowAsync<RolloutEngineException>()).Which.Message.Should().Contain("400").And.Contain("max_tokens");
        engine.Endpoints[0].Failed.Should().Be(1);
    }
}
