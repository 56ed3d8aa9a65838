using R1.Cli.Configuration;

namespace R1.Cli.Data;

/// <summary>
/// The benchmarks <c>r1 eval</c> knows: their file under <c>testdata/data</c> (the default when no data is given, relative to
/// the working folder) and their fields. <c>custom</c> is any data with a prompt and an answer.
/// </summary>
internal static class Benchmarks
{
    public static IReadOnlyList<string> Names { get; } = ["gsm8k", "math500", "aime24", "humaneval", "custom"];

    public static bool IsCode(string benchmark) => benchmark == "humaneval";

    /// <summary>
    /// The data of <paramref name="benchmark"/>: <paramref name="configured"/> with the benchmark's path and field names filled in.
    /// </summary>
    public static DataConfig Data(string benchmark, DataConfig? configured)
    {
        var data = configured?.Clone() ?? new DataConfig();
        switch (benchmark)
        {
            case "gsm8k": return Fill(data, "gsm8k/test.jsonl", prompt: "question", answer: "answer");
            case "math500": return Fill(data, "math500/test.jsonl", prompt: "problem", answer: "answer", id: "unique_id");
            case "aime24": return Fill(data, "aime24/test.jsonl", prompt: "problem", answer: "answer", id: "id");
            case "humaneval":
                data.Tests ??= "test";
                data.EntryPoint ??= "entry_point";
                return Fill(data, "humaneval/HumanEval.jsonl.gz", prompt: "prompt", answer: null, id: "task_id");
            case "custom":
                return data.Path is null ? throw new CliException("eval: benchmark 'custom' needs data (--data file.jsonl).") : data;
            default:
                throw new CliException($"Unknown benchmark '{benchmark}' (expected {string.Join(", ", Names)}).");
        }
    }

    private static DataConfig Fill(DataConfig data, string file, string prompt, string? answer, string? id = null)
    {
        data.Path ??= Path.GetFullPath(Path.Combine("testdata", "data", file));
        data.Prompt ??= prompt;
        data.Answer ??= answer;
        data.Id ??= id;
        return data;
    }
}
