using R1.Rollout.Engines;
using R1.Rollout.Generation;

namespace R1.Rollout.Tests.Engines;

public sealed class InProcessRolloutEngineTests
{
    [Test]
    public async Task By_default_it_samples_exactly_as_the_policys_GenerateGroups()
    {
        using var policy = Policy.Load(EngineFixtures.ModelFolder);
        var prompts = Prompts(policy);
        var options = new SamplingOptions { MaxNewTokens = 10, Seed = 11 };
        var expected = policy.GenerateGroups(prompts, 3, options);
        var actual = await new InProcessRolloutEngine(policy).GenerateGroupsAsync(prompts, 3, options);
        actual.Should().HaveCount(2).And.AllSatisfy(g => g.Should().HaveCount(3));
        for (int i = 0; i < 2; i++)
            for (int g = 0; g < 3; g++)
            {
                actual[i][g].CompletionIds.Should().Equal(expected[i][g].CompletionIds);
                actual[i][g].LogProbs.Should().Equal(expected[i][g].LogProbs);
                actual[i][g].FinishReason.Should().Be(expected[i][g].FinishReason);
            }
    }

    [Test]
    public async Task Per_sample_seeds_give_each_sample_the_tokens_of_its_own_seeded_request()
    {
        using var policy = Policy.Load(EngineFixtures.ModelFolder);
        var prompts = Prompts(policy);
        var options = new SamplingOptions { MaxNewTokens = 10, Seed = 5 };
        var groups = await new InProcessRolloutEngine(policy, seedPerSample: true).GenerateGroupsAsync(prompts, 2, options);
        var alone = options.Clone();
        alone.Seed = InProcessRolloutEngine.SampleSeed(5, 1, 2, 1);
        var single = policy.GenerateBatch([new GenerationRequest(prompts[1], alone)])[0];
        groups[1][1].CompletionIds.Should().Equal(single.CompletionIds);
        groups[1][1].LogProbs.Zip(single.LogProbs, (a, b) => Math.Abs(a - b)).Should().OnlyContain(d => d <= 1e-4f);
        groups[1][1].LogProbs.Should().HaveSameCount(single.LogProbs);
    }

    [Test]
    public async Task A_cancelled_token_stops_before_sampling()
    {
        using var policy = Policy.Load(EngineFixtures.ModelFolder);
        var engine = new InProcessRolloutEngine(policy);
        var act = () => engine.GenerateGroupsAsync(Prompts(policy), 2, new SamplingOptions(), new CancellationToken(true));
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    internal static IReadOnlyList<IReadOnlyList<int>> Prompts(Policy policy) =>
        [policy.Tokenizer.Encode("2+2="), policy.Tokenizer.Encode("hello")];
}
