using System.IO.Compression;
using System.Text.Json;
using R1.Rewards.Abstractions;

namespace R1.Rewards.Tests.Code;

/// <summary>HumanEval's 164 problems from testdata, and samples built from them.</summary>
internal static class HumanEvalData
{
    public sealed record Problem(string TaskId, string Prompt, string EntryPoint, string CanonicalSolution, string Test);

    private static readonly Lazy<IReadOnlyList<Problem>> All = new(Load);

    public static IReadOnlyList<Problem> Problems => All.Value;

    public static RewardSample Sample(Problem p, string completion) =>
        new() { Prompt = p.Prompt, Completion = completion, Tests = p.Test, EntryPoint = p.EntryPoint };

    /// <summary>The canonical solution as a model would answer: the full function in a fenced block after some reasoning.</summary>
    public static string CanonicalCompletion(Problem p) =>
        $"<think>I will implement {p.EntryPoint}.</think>\nHere is the code:\n```python\n{p.Prompt}{p.CanonicalSolution}\n```\n";

    private static IReadOnlyList<Problem> Load()
    {
        using var file = File.OpenRead(TestPaths.TestData("data/humaneval/HumanEval.jsonl.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var problems = new List<Problem>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            problems.Add(new Problem(r.GetProperty("task_id").GetString()!, r.GetProperty("prompt").GetString()!,
                r.GetProperty("entry_point").GetString()!, r.GetProperty("canonical_solution").GetString()!, r.GetProperty("test").GetString()!));
        }
        return problems;
    }
}
