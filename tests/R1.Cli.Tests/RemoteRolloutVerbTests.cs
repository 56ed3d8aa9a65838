using System.Text.Json;
using System.Text.Json.Nodes;
using R1.Cli.Models;
using R1.Cli.Tests.TestSupport;
using R1.Rollout.Lora;
using R1.Serving;

namespace R1.Cli.Tests;

/// <summary>
/// <c>r1 grpo --lora-rank 4 --rollout-endpoint …</c> end to end against the project's OpenAI-compatible server started in this
/// process with LoRA on (what <c>r1 serve --enable-lora</c> runs): the trainer pushes its adapter and every completion is sampled by
/// the server with it.
/// </summary>
[NonParallelizable]
public sealed class RemoteRolloutVerbTests
{
    private const string ModelId = "micro-base";
    private string _dir = "", _base = "", _data = "";
    private RunningServer _server = null!;
    private readonly HttpClient _http = new();

    [OneTimeSetUp]
    public async Task ServeAMicroBase()
    {
        _dir = TinyData.TempFolder();
        _data = TinyData.WriteJsonl(_dir);
        _base = Path.Combine(_dir, "base");
        using (var policy = PolicyFactory.Open("micro", null, seed: 1)) policy.Save(_base);
        _server = await OpenAiServer.StartAsync(new ServerOptions
        {
            ModelPath = _base, ModelId = ModelId, Urls = "http://127.0.0.1:0", EnableLora = true,
        });
    }

    [OneTimeTearDown]
    public async Task StopTheServer()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task Lora_grpo_with_rollouts_on_the_server_pushes_the_adapter_and_samples_every_completion_there()
    {
        long before = await LoraRowsAsync();
        string output = Path.Combine(_dir, "grpo");
        var result = new R1Tool().Run("grpo", "--model", _base, "--data", _data, "--output", output, "--max-steps", "2",
            "--prompts-per-step", "2", "-g", "2", "--max-new-tokens", "8", "--lr", "1e-3", "--lora-rank", "4",
            "--rollout-endpoint", _server.BaseAddress.ToString(), "--rollout-model", ModelId);
        TestContext.Out.WriteLine(result.Output);

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("LoRA r 4, alpha 32; rollouts on 1 engine (model micro-base), sync every 1, overlap off")
            .And.Contain("grpo step 2/2");
        var rows = TinyData.Lines(Path.Combine(output, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Select(r => r.GetProperty("step").GetInt32()).Should().Equal(1, 2);
        rows.Should().OnlyContain(r => r.GetProperty("sync_seconds").GetDouble() > 0, "the adapter was pushed before each step");
        rows.Should().OnlyContain(r => r.GetProperty("policy_lag").GetInt32() == 0 && r.GetProperty("rollout_overlap_seconds").GetDouble() == 0,
            "sync every step without overlap samples on-policy");
        (await LoraRowsAsync() - before).Should().Be(2 * 2 * 2, "2 steps x 2 prompts x G = 2 completions, all sampled with the adapter");
        PeftAdapter.Exists(Path.Combine(output, PeftAdapter.PolicySubfolder)).Should().BeTrue("the policy folder keeps the trained adapter");
    }

    [Test]
    public void In_process_grpo_writes_no_remote_columns()
    {
        string output = Path.Combine(_dir, "local");
        var result = new R1Tool().Run("grpo", "--model", _base, "--data", _data, "--output", output, "--max-steps", "1",
            "--prompts-per-step", "2", "-g", "2", "--max-new-tokens", "4", "--lora-rank", "2");
        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("LoRA r 2, alpha 32").And.NotContain("rollouts on");
        var row = JsonDocument.Parse(TinyData.Lines(Path.Combine(output, "metrics.jsonl")).Single()).RootElement;
        row.TryGetProperty("sync_seconds", out _).Should().BeFalse("sync columns are for remote rollouts only");
        row.TryGetProperty("loss", out _).Should().BeTrue();
    }

    private async Task<long> LoraRowsAsync()
    {
        var health = JsonNode.Parse(await _http.GetStringAsync(new Uri(_server.BaseAddress, "health")))!;
        return (long)health["lora_batching"]!["rows"]!;
    }
}
