using System.Text.Json;
using R1.Cli.Tests.TestSupport;

namespace R1.Cli.Tests;

/// <summary><c>r1 eval</c> on real benchmark files from testdata, with a micro model.</summary>
public sealed class EvalVerbTests
{
    private readonly R1Tool _cli = new();

    [Test]
    public void Eval_on_three_gsm8k_questions_prints_pass1_and_consk_and_writes_the_per_question_report()
    {
        string dir = TinyData.TempFolder();
        var result = _cli.Run("eval", "--model", "micro", "--benchmark", "gsm8k", "--data", TestPaths.TestData("data/gsm8k/test.jsonl"),
            "-k", "2", "--limit", "3", "--max-new-tokens", "8", "--output", dir);
        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("pass@1").And.Contain("cons@2").And.Contain("gsm8k");
        var rows = TinyData.Lines(Path.Combine(dir, "gsm8k.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Select(r => r.GetProperty("answer").GetString()).Should().Equal("18", "3", "70000");   // GSM8K's "#### n" answers
        rows.Should().OnlyContain(r => r.GetProperty("predictions").GetArrayLength() == 2 && r.GetProperty("samples").GetInt32() == 2);
        rows.Should().OnlyContain(r => r.GetProperty("correct").GetInt32() >= 0 && r.GetProperty("correct").GetInt32() <= 2);
        TinyData.Lines(Path.Combine(dir, "gsm8k.csv")).Should().HaveCount(4).And.Subject.First().Should().StartWith("id,answer,predictions");
        Directory.Delete(dir, recursive: true);
    }
}
