using System.Text.Json;
using Microsoft.Extensions.AI;
using R1.Cli.Tests.TestSupport;
using R1.MLNet.Chat;
using R1.Rollout;
using R1.Rollout.Generation;

namespace R1.Cli.Tests;

/// <summary>
/// A micro model taught by <c>r1 sft</c> to answer 7: <c>r1 eval</c> scores it, <c>r1 reject-sample</c> keeps its samples and
/// <c>r1 chat</c> prints its reply, each checked against the data or the library.
/// </summary>
public sealed class LearnedAnswerTests
{
    private readonly R1Tool _cli = new();
    private string _dir = "", _data = "", _model = "";

    [OneTimeSetUp]
    public void Teach()
    {
        _dir = TinyData.TempFolder();
        _data = SevenData.Write(_dir);
        _model = Path.Combine(_dir, "seven");
        var result = _cli.Run("sft", "--model", "micro", "--data", _data, "--output", _model, "--max-steps", "40", "--batch-size", "8",
            "--lr", "1e-2");
        result.ExitCode.Should().Be(0, result.Output);
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Eval_prints_the_pass1_and_consk_of_its_per_question_report()
    {
        string output = Path.Combine(_dir, "eval");
        var result = _cli.Run("eval", "--model", _model, "--data", _data, "-k", "4", "--max-new-tokens", "24", "--output", output);
        result.ExitCode.Should().Be(0, result.Output);
        var rows = TinyData.Lines(Path.Combine(output, "custom.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Should().HaveCount(8);
        double pass1 = rows.Average(r => r.GetProperty("correct").GetInt32() / 4.0);
        double cons = rows.Average(r => r.GetProperty("majorityCorrect").GetBoolean() ? 1.0 : 0.0);
        pass1.Should().BeGreaterThan(0.8, "the model learned to answer 7");
        result.Output.Should().Contain($"{pass1:P1}").And.Contain($"{cons:P1}").And.Contain("cons@4");
        rows[0].GetProperty("predictions").EnumerateArray().Select(p => p.GetString()).Should().Contain("7");
    }

    [Test]
    public void Reject_sample_keeps_the_correct_samples_as_sft_rows()
    {
        string output = Path.Combine(_dir, "kept.jsonl");
        var result = _cli.Run("reject-sample", "--model", _model, "--data", _data, "--output", output, "-k", "2", "--max-new-tokens", "24");
        result.ExitCode.Should().Be(0, result.Output);
        var rows = TinyData.Lines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Should().NotBeEmpty().And.OnlyContain(r => r.GetProperty("kept").GetBoolean());
        rows.Should().OnlyContain(r => r.GetProperty("completion").GetString()!.Contains("<answer>7"),
            "a kept sample answers 7 (the sampler may stop at </answer>)");
        rows.Should().OnlyContain(r => r.GetProperty("response").GetString()!.Length > 0 && r.GetProperty("prompt").GetString()!.Length > 0);
    }

    [Test]
    public void Chat_without_a_prompt_is_a_repl_that_answers_each_line_until_exit()
    {
        var stdin = System.Console.In;
        System.Console.SetIn(new StringReader("1+7-1\n/reset\n2+7-2\n/exit\nnever asked\n"));
        try
        {
            var result = _cli.Run("chat", "--model", _model, "--max-new-tokens", "24");
            result.ExitCode.Should().Be(0, result.Output);
            var replies = result.Output.Split('\n').Skip(1).Where(l => l.Trim().Length > 0).ToList();
            replies.Should().HaveCount(2, "one reply per question; /reset and /exit are commands").And.OnlyContain(l => l.Contains('7'));
        }
        finally { System.Console.SetIn(stdin); }
    }

    [Test]
    public async Task Chat_one_shot_prints_the_reply_of_the_policy_as_a_chat_client()
    {
        var result = _cli.Run("chat", "--model", _model, "--prompt", "3+7-3", "--max-new-tokens", "24", "--seed", "5");
        result.ExitCode.Should().Be(0, result.Output);
        using var policy = Policy.Load(_model);
        var client = policy.AsChatClient(defaults: new SamplingOptions { Temperature = 0.6, TopP = 0.95, MaxNewTokens = 24, Seed = 5 });
        var expected = await client.GetResponseAsync("3+7-3");
        var reasoning = expected.Messages[0].Contents.OfType<TextReasoningContent>().Single().Text;
        expected.Text.Should().Contain("7");
        result.Output.Should().Contain(reasoning + expected.Text, "the streamed reasoning, then the answer");
    }
}
