using System.IO.Compression;
using System.Text.Json;
using R1.Cli.Configuration;

namespace R1.Cli.Data;

/// <summary>Reads a dataset file into <see cref="DataRecord"/>s: JSONL (also gzip-compressed), a JSON array, or CSV.</summary>
internal static class DatasetReader
{
    public static IReadOnlyList<DataRecord> Read(string? path, string? format = null, int? limit = null)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new CliException("No data: set 'data' in the config or pass --data (a .jsonl or .csv file).");
        if (!File.Exists(path)) throw new CliException($"Data file not found: '{path}'.");
        string kind = (format ?? Kind(path)).ToLowerInvariant();
        using var stream = Open(path);
        using var reader = new StreamReader(stream);
        IEnumerable<DataRecord> records = kind switch
        {
            "jsonl" => JsonLines(reader, path),
            "json" => JsonArray(reader, path),
            "csv" => CsvReader.Read(reader, path),
            _ => throw new CliException($"Data format '{kind}' is not supported (jsonl, json, csv)."),
        };
        try
        {
            var list = (limit is > 0 ? records.Take(limit.Value) : records).ToList();
            return list.Count > 0 ? list : throw new CliException($"Data file '{path}' has no rows.");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new CliException($"Data file '{path}': {e.Message}", e);
        }
    }

    private static string Kind(string path)
    {
        string name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return Path.GetExtension(name).TrimStart('.') switch
        {
            "" => "jsonl",
            "ndjson" => "jsonl",
            var ext => ext,
        };
    }

    private static Stream Open(string path)
    {
        Stream file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static IEnumerable<DataRecord> JsonLines(TextReader reader, string path)
    {
        int index = 0, line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(text); }
            catch (JsonException e) { throw new InvalidDataException($"line {line} is not JSON: {e.Message}", e); }
            using (doc) yield return Record(index++, doc.RootElement, $"line {line}");
        }
    }

    private static IEnumerable<DataRecord> JsonArray(TextReader reader, string path)
    {
        using var doc = JsonDocument.Parse(reader.ReadToEnd());
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new InvalidDataException("a .json data file must hold an array of objects");
        int index = 0;
        foreach (var element in doc.RootElement.EnumerateArray()) yield return Record(index, element, $"item {index++}");
    }

    private static DataRecord Record(int index, JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{where} is not a JSON object");
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
            fields[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Null => null,
                _ => p.Value.GetRawText(),
            };
        return new DataRecord(index, fields);
    }
}
