using System.Text.Json;

namespace R1.Rewards.Tests.Math;

/// <summary>Reads the MATH-500 and GSM8K JSONL files under testdata/.</summary>
internal static class BenchmarkData
{
    public sealed record MathRecord(string Problem, string Solution, string Answer);

    public sealed record GsmRecord(string Question, string Answer);

    public static IReadOnlyList<MathRecord> Math500() =>
        ReadLines("data/math500/test.jsonl", e => new MathRecord(
            e.GetProperty("problem").GetString()!, e.GetProperty("solution").GetString()!, e.GetProperty("answer").GetString()!));

    public static IReadOnlyList<GsmRecord> Gsm8k() =>
        ReadLines("data/gsm8k/test.jsonl", e => new GsmRecord(e.GetProperty("question").GetString()!, e.GetProperty("answer").GetString()!));

    private static List<T> ReadLines<T>(string relative, Func<JsonElement, T> map) =>
        File.ReadLines(TestPaths.TestData(relative))
            .Where(l => l.Length > 0)
            .Select(l => { using var doc = JsonDocument.Parse(l); return map(doc.RootElement); })
            .ToList();
}
