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

    /// <summary>Opens <paramref name="path"/> for appending (creating its folder), or truncates it when <paramref name="append"/> is false.</summary>
    public MetricsJsonlWriter(string path, bool append)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        _writer = new StreamWriter(Path, append);
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
