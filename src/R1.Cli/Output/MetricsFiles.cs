using System.Globalization;
using System.Text.Json;

namespace R1.Cli.Output;

/// <summary>Writes one row per step as <c>metrics.jsonl</c> and <c>metrics.csv</c> (same columns, in order).</summary>
internal static class MetricsFiles
{
    public const string JsonlName = "metrics.jsonl", CsvName = "metrics.csv";

    public static void Write(string folder, IReadOnlyList<IReadOnlyDictionary<string, double>> rows)
    {
        Directory.CreateDirectory(folder);
        using (var jsonl = new StreamWriter(Path.Combine(folder, JsonlName)))
            foreach (var row in rows) jsonl.WriteLine(JsonSerializer.Serialize(row.ToDictionary(p => p.Key, p => Finite(p.Value))));
        var columns = rows.SelectMany(r => r.Keys).Distinct().ToList();
        using var csv = new StreamWriter(Path.Combine(folder, CsvName));
        csv.WriteLine(string.Join(",", columns));
        foreach (var row in rows)
            csv.WriteLine(string.Join(",", columns.Select(c => row.TryGetValue(c, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : "")));
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
