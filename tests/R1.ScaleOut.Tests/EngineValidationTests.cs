using R1.Rollout;
using R1.Rollout.Engines;

namespace R1.ScaleOut.Tests;

/// <summary>
/// <see cref="OpenAiCompatibleRolloutEngine.ValidateAsync"/> against processes: the shared Qwen engines match the Qwen policy;
/// a process started with another <c>--model-id</c> and another vocabulary (the character-tokenizer checkpoint) is refused
/// with an error that names the endpoint, the expected and the served values.
/// </summary>
[TestFixture]
public sealed class EngineValidationTests
{
    private EngineProcess _a = null!, _b = null!, _other = null!;
    private int _qwenVocab, _charVocab;

    [OneTimeSetUp]
    public async Task StartTheOtherModel()
    {
        using (var qwen = Policy.Load(ScaleOutModels.QwenFolder)) _qwenVocab = qwen.Tokenizer.VocabSize;
        using (var chars = Policy.Load(ScaleOutModels.CharFolder)) _charVocab = chars.Tokenizer.VocabSize;
        _other = await EngineProcess.StartAsync(ScaleOutModels.CharFolder, new EngineProcessOptions { ModelId = "tiny-char" });
    }

    [OneTimeTearDown]
    public void StopTheOtherModel() => _other.Dispose();

    [SetUp]
    public async Task BothRunning() => (_a, _b) = await SharedEngines.StartAsync();

    [Test]
    public async Task Processes_serving_the_policys_checkpoint_pass()
    {
        using var engine = new OpenAiCompatibleRolloutEngine(Rollouts.Options(ScaleOutModels.QwenId, _a.BaseAddress, _b.BaseAddress));
        await engine.Invoking(e => e.ValidateAsync(new RolloutEngineRequirements(512, _qwenVocab))).Should().NotThrowAsync();
    }

    [Test]
    public async Task A_process_with_another_model_id_is_named_with_both_ids()
    {
        using var engine = new OpenAiCompatibleRolloutEngine(Rollouts.Options(ScaleOutModels.QwenId, _a.BaseAddress, _other.BaseAddress));
        var act = () => engine.ValidateAsync(new RolloutEngineRequirements(512, _qwenVocab));
        var error = (await act.Should().ThrowAsync<RolloutEngineException>()).Which;
        error.Message.Should().StartWith("Model mismatch").And.Contain(_other.BaseAddress.Authority)
            .And.Contain("'tiny-char'").And.Contain($"'{ScaleOutModels.QwenId}'").And.NotContain(_a.BaseAddress.Authority);
    }

    [Test]
    public async Task A_process_whose_checkpoint_has_another_vocabulary_is_named_with_both_sizes()
    {
        _charVocab.Should().BeLessThan(_qwenVocab, "the check needs the served vocabulary to be the smaller one");
        using var engine = new OpenAiCompatibleRolloutEngine(Rollouts.Options("tiny-char", _other.BaseAddress));
        var act = () => engine.ValidateAsync(new RolloutEngineRequirements(512, _qwenVocab));
        var error = (await act.Should().ThrowAsync<RolloutEngineException>()).Which;
        error.Message.Should().StartWith("Tokenizer mismatch").And.Contain(_other.BaseAddress.Authority)
            .And.Contain($"{_qwenVocab} ids").And.Contain($"[0, {_charVocab})");
    }

    [Test]
    public async Task A_context_longer_than_the_process_serves_is_named_with_both_lengths()
    {
        using var engine = new OpenAiCompatibleRolloutEngine(Rollouts.Options(ScaleOutModels.QwenId, _a.BaseAddress));
        var act = () => engine.ValidateAsync(new RolloutEngineRequirements(4096, _qwenVocab));
        var error = (await act.Should().ThrowAsync<RolloutEngineException>()).Which;
        error.Message.Should().StartWith("Context mismatch").And.Contain(_a.BaseAddress.Authority)
            .And.Contain("max_model_len 2048").And.Contain("4096");
    }

    [Test]
    public async Task A_killed_process_is_reported_as_unreachable()
    {
        _b.Kill();
        var options = Rollouts.Options(ScaleOutModels.QwenId, _a.BaseAddress, _b.BaseAddress);
        options.Timeout = TimeSpan.FromSeconds(5);
        using var engine = new OpenAiCompatibleRolloutEngine(options);
        var act = () => engine.ValidateAsync(new RolloutEngineRequirements(512, _qwenVocab));
        var error = (await act.Should().ThrowAsync<RolloutEngineException>()).Which;
        error.Message.Should().Contain(_b.BaseAddress.Authority).And.Contain("unreachable");
        error.IsTransient.Should().BeTrue();
    }
}
