using R1.Rollout.Engines;

namespace R1.Rollout.Tests.Engines;

/// <summary><see cref="OpenAiCompatibleRolloutEngine.ValidateAsync"/>: a mismatched server is refused before training starts.</summary>
public sealed class RolloutEngineValidationTests
{
    private static RolloutEngineRequirements Matching(int vocab) => new(64, vocab);

    [Test]
    public async Task A_matching_server_passes()
    {
        await using var server = await EngineFixtures.StartServerAsync();
        using var policy = Policy.Load(EngineFixtures.ModelFolder);
        using var engine = new OpenAiCompatibleRolloutEngine(EngineFixtures.Options(server.BaseAddress));
        await engine.Invoking(e => e.ValidateAsync(Matching(policy.Tokenizer.VocabSize))).Should().NotThrowAsync();
    }

    [Test]
    public async Task A_model_mismatch_names_the_served_and_the_expected_model()
    {
        await using var server = await EngineFixtures.StartServerAsync("someone-else");
        using var engine = new OpenAiCompatibleRolloutEngine(EngineFixtures.Options(server.BaseAddress));
        var error = await engine.Invoking(e => e.ValidateAsync(Matching(10))).Should().ThrowAsync<RolloutEngineException>();
        error.Which.Message.Should().Contain("Model mismatch").And.Contain("'someone-else'").And.Contain("'tiny'");
    }

    [Test]
    public async Task A_context_shorter_than_the_trainer_needs_names_both_lengths()
    {
        await using var server = await EngineFixtures.StartServerAsync();
        using var policy = Policy.Load(EngineFixtures.ModelFolder);
        int context = policy.Model.Config.MaxPositionEmbeddings;
        using var engine = new OpenAiCompatibleRolloutEngine(EngineFixtures.Options(server.BaseAddress));
        var error = await engine.Invoking(e => e.ValidateAsync(new(context + 1, policy.Tokenizer.VocabSize)))
            .Should().ThrowAsync<RolloutEngineException>();
        error.Which.Message.Should().Contain($"max_model_len {context}").And.Contain($"needs {context + 1}");
    }

    [Test]
    public async Task A_server_with_a_smaller_vocabulary_fails_the_tokenizer_probe()
    {
        await using var server = await EngineFixtures.StartServerAsync();
        using var policy = Policy.Load(EngineFixtures.ModelFolder);
        using var engine = new OpenAiCompatibleRolloutEngine(EngineFixtures.Options(server.BaseAddress));
        var error = await engine.Invoking(e => e.ValidateAsync(Matching(policy.Tokenizer.VocabSize + 100)))
            .Should().ThrowAsync<RolloutEngineException>();
        error.Which.Message.Should().Contain("Tokenizer mismatch").And.Contain($"{policy.Tokenizer.VocabSize + 99}");
    }

    [Test]
    public async Task An_unreachable_endpoint_is_a_clear_error()
    {
        using var engine = new OpenAiCompatibleRolloutEngine(EngineFixtures.Options(EngineFixtures.ClosedPortUrl()));
        var error = await engine.Invoking(e => e.ValidateAsync(Matching(10))).Should().ThrowAsync<RolloutEngineException>();
        error.Which.Message.Should().Contain("unreachable");
    }
}
