using System.Globalization;
using System.Text.Json;
using R1.Cli.Data;
using R1.MLNet.Evaluate;

namespace R1.Cli.Output;

/// <summary>
/// The per-question report of <c>r1 eval</c>, as <c>&lt;benchmark&gt;.jsonl</c> and <c>&lt;benchmark&gt;.csv</c>: id, gold answer, the k
/// extracted predictions, how many were correct, the majority answer and whether it is correct.
/// </summary>
internal static class EvalReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed record Row(string Id, string? Answer, IReadOnlyList<string?> Predictions, int Correct, int Samples,
        string? Majority, bool MajorityCorrect, double PassAt1, IReadOnlyList<string> Completions);

    public static IReadOnlyList<Row> Rows(IReadOnlyList<EvalItem> items, ReasoningMetrics metrics) =>
        metrics.Questions.Select((q, i) => new Row(items[i].Id, q.Gold, q.Answers, q.Correct.Count(c => c), q.Correct.Count,
            q.MajorityAnswer, q.MajorityCorrect, q.PassAt1, q.Completions)).ToList();

    /// <summary>Writes both files into <paramref name="folder"/>; returns their paths.</summary>
    public static (string Jsonl, string Csv) Write(string folder, string benchmark, IReadOnlyList<Row> rows)
    {
        Directory.CreateDirectory(folder);
        string jsonl = Path.Combine(folder, benchmark + ".jsonl"), csv = Path.Combine(folder, benchmark + ".csv");
        File.WriteAllLines(jsonl, rows.Select(r => JsonSerializer.Serialize(r, Json)));
        var lines = rows.Select(r => string.Join(",", Quote(r.Id), Quote(r.Answer), Quote(string.Join(" | ", r.Predictions.Select(p => p ?? "∅"))),
            Num(r.Correct), Num(r.Samples), Quote(r.Majority), r.MajorityCorrect ? "true" : "false"));
        File.WriteAllLines(csv, lines.Prepend("id,answer,predictions,correct,samples,majority,majority_correct"));
        return (jsonl, csv);
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string? text) => text is null ? "" : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
