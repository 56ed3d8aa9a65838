using System.Text.Json;
using System.Text.Json.Serialization;

namespace R1.MLNet.Training;

/// <summary>Appends one JSON object per line to a metrics file, flushing after each line so a crash loses nothing.</summary>
internal sealed class MetricsJsonlWriter : IDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly StreamWriter _writer;

    /// <summary>
    /// Opens <paramref name="path"/> (creating its folder). A new run (<paramref name="keepThroughStep"/> 0) starts an empty file;
    /// a run resumed after step N keeps only the lines whose <c>step</c> is at most N (dropping the lines of steps the
    /// interrupted run logged after its checkpoint, and a torn last line) and appends after them.
    /// </summary>
    public MetricsJsonlWriter(string path, int keepThroughStep)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        if (keepThroughStep > 0 && File.Exists(Path)) KeepThrough(Path, keepThroughStep);
        _writer = new StreamWriter(Path, append: keepThroughStep > 0);
    }

    private static void KeepThrough(string path, int step)
    {
        var kept = File.ReadLines(path).Where(line => StepOf(line) is { } s && s <= step).ToList();
        string temp = path + ".tmp";
        File.WriteAllLines(temp, kept);
        File.Move(temp, path, overwrite: true);
    }

    private static int? StepOf(string line)
    {
        if (line.Length == 0) return null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("step", out var s)
                   && s.TryGetInt32(out int value) ? value : null;
        }
        catch (JsonException)
        {
            return null;                                                       // a line torn by a crash
        }
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Writes <paramref name="record"/> as one line (snake_case names).</summary>
    public void Write<T>(T record)
    {
        _writer.WriteLine(JsonSerializer.Serialize(record, Json));
        _writer.Flush();
    }

    /// <summary>Reads every line of a metrics file back as <typeparamref name="T"/>.</summary>
    public static IReadOnlyList<T> ReadAll<T>(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<T>(l, Json)!).ToList();

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
