using Microsoft.Extensions.AI;
using R1.Cli.Tests.TestSupport;
using R1.MLNet.Chat;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Generation;
using R1.Rollout.Tokenization;

namespace R1.Cli.Tests;

/// <summary>The verbs on a Hugging Face folder (a tiny random Qwen2 with Qwen3's tokenizer and ChatML template).</summary>
public sealed class HfCheckpointTests
{
    private readonly R1Tool _tool = new();
    private string _dir = "", _model = "";

    [OneTimeSetUp]
    public void CreateCheckpoint()
    {
        _dir = TinyData.TempFolder();
        _model = TinyQwenCheckpoint.Write(Path.Combine(_dir, "qwen-tiny"));
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Chat_renders_the_checkpoint_chat_template_and_prints_what_the_chat_client_answers()
    {
        var result = _tool.Run("chat", "--model", _model, "--prompt", "What is 17*23?", "--max-new-tokens", "6", "--seed", "3");
        result.ExitCode.Should().Be(0, result.Output);
        using var policy = Policy.Load(_model);
        policy.ChatTemplate.Should().NotBeOfType<R1ZeroChatTemplate>("the folder ships Qwen's tokenizer and its chat template");
        var client = policy.AsChatClient(defaults: new SamplingOptions { Temperature = 0.6, TopP = 0.95, MaxNewTokens = 6, Seed = 3 });
        var expected = await client.GetResponseAsync("What is 17*23?");
        var reasoning = expected.Messages[0].Contents.OfType<TextReasoningContent>().FirstOrDefault()?.Text ?? "";
        result.Output.Should().Contain((reasoning + expected.Text).Trim(), "the tester trims the output lines");
    }

    [Test]
    public void Sft_with_the_model_template_trains_the_folder_and_saves_it_with_its_tokenizer()
    {
        string data = TinyData.WriteJsonl(_dir, 4);
        string output = Path.Combine(_dir, "sft");
        var result = _tool.Run("sft", "--model", _model, "--template", "model", "--data", data, "--output", output, "--max-steps", "1",
            "--batch-size", "2");
        result.ExitCode.Should().Be(0, result.Output);
        using var trained = Policy.Load(output);
        trained.Tokenizer.Should().BeOfType<HfTokenizer>();
        TinyData.Lines(Path.Combine(output, "metrics.jsonl")).Should().ContainSingle();
    }
}
