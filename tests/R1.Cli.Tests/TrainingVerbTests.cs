using System.Text.Json;
using R1.Cli.Tests.TestSupport;
using R1.Rollout;
using Spectre.Console.Testing;

namespace R1.Cli.Tests;

/// <summary><c>r1 sft</c>, then <c>r1 grpo</c> from its policy, then <c>r1 reject-sample</c>, end to end on the micro preset.</summary>
public sealed class TrainingVerbTests
{
    private readonly R1Tool _cli = new();
    private string _dir = "", _data = "", _sft = "";

    [OneTimeSetUp]
    public void PreTrain()
    {
        _dir = TinyData.TempFolder();
        _data = TinyData.WriteJsonl(_dir);
        _sft = Path.Combine(_dir, "sft");
        var result = _cli.Run("sft", "--model", "micro", "--data", _data, "--output", _sft, "--max-steps", "3", "--batch-size", "4",
            "--lr", "1e-3", "--seed", "1");
        result.ExitCode.Should().Be(0, result.Output);
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Sft_writes_a_loadable_policy_folder_one_metrics_row_per_step_and_a_plot()
    {
        using (var policy = Policy.Load(_sft)) policy.Config.HiddenSize.Should().Be(32, "the micro preset");
        var rows = TinyData.Lines(Path.Combine(_sft, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Select(r => r.GetProperty("step").GetInt32()).Should().Equal(1, 2, 3);
        rows.Should().OnlyContain(r => r.GetProperty("loss").GetDouble() > 0);
        TinyData.Lines(Path.Combine(_sft, "metrics.csv")).Should().HaveCount(4).And.Subject.First().Should().StartWith("step,loss");
        File.ReadAllBytes(Path.Combine(_sft, "metrics.png")).Take(4).Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
    }

    [Test]
    public void Grpo_continues_from_the_sft_policy_and_writes_reward_metrics()
    {
        string output = Path.Combine(_dir, "grpo");
        var result = _cli.Run("grpo", "--model", _sft, "--data", _data, "--output", output, "--max-steps", "2",
            "--prompts-per-step", "2", "-g", "2", "--max-new-tokens", "8", "--lr", "1e-4", "--eval-data", _data, "--eval-every", "1");
        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("grpo step 2/2");
        var rows = TinyData.Lines(Path.Combine(output, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Select(r => r.GetProperty("step").GetInt32()).Should().Equal(1, 2);
        rows[0].TryGetProperty("reward_math", out _).Should().BeTrue("per-reward means are columns");
        rows.Should().OnlyContain(r => r.GetProperty("eval_accuracy").GetDouble() >= 0, "held-out accuracy after step 1 and at the end");
        result.Output.Should().Contain("held-out accuracy");
        File.Exists(Path.Combine(output, "metrics.png")).Should().BeTrue();
        using var sft = Policy.Load(_sft);
        using var grpo = Policy.Load(output);
        grpo.Config.HiddenSize.Should().Be(sft.Config.HiddenSize, "GRPO trained the SFT policy, not a new model");
    }

    [Test]
    public void Reject_sample_writes_one_jsonl_row_per_sample_with_its_verdict()
    {
        string output = Path.Combine(_dir, "samples.jsonl");
        var result = _cli.Run("reject-sample", "--model", _sft, "--data", _data, "--output", output, "-k", "2", "--max-new-tokens", "8",
            "--include-rejected");
        result.ExitCode.Should().Be(0, result.Output);
        var rows = TinyData.Lines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Should().HaveCount(12 * 2, "12 prompts x k = 2, dropped ones included");
        rows.Should().OnlyContain(r => r.GetProperty("kept").GetBoolean() || r.GetProperty("drop_reason").GetString()!.Length > 0);
        rows[0].GetProperty("prompt").GetString().Should().Be(TinyData.Rows(1)[0].Question);
        result.Output.Should().Contain("24 samples");
    }

    [Test]
    public void Sft_on_an_interactive_console_draws_a_progress_bar_to_100_percent()
    {
        var console = new TestConsole().Interactive().Width(120);
        var result = _cli.Run(console, "sft", "--model", "micro", "--data", _data, "--output", Path.Combine(_dir, "sft-bar"),
            "--max-steps", "2", "--batch-size", "4");
        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("100%").And.Contain("step 2/2 loss").And.NotContain("sft step 1/2", "no per-step lines under a bar");
    }

    [Test]
    public void Flags_override_the_config_file()
    {
        string config = Path.Combine(_dir, "override.yaml");
        File.WriteAllText(config, $"model: micro\ndata: train.jsonl\nsft:\n  output: sft-override\n  maxSteps: 5\n  batchSize: 4\n");
        var result = _cli.Run("sft", "--config", config, "--max-steps", "2");
        result.ExitCode.Should().Be(0, result.Output);
        TinyData.Lines(Path.Combine(_dir, "sft-override", "metrics.jsonl")).Should().HaveCount(2, "--max-steps 2 beats maxSteps: 5");
    }
}
