using System.Buffers.Binary;
using System.Text.Json;
using static TorchSharp.torch;

namespace R1.Rollout.Checkpoints;

/// <summary>
/// Reads a <c>.safetensors</c> file: an 8-byte little-endian header length, a JSON header
/// (<c>{name: {dtype, shape, data_offsets}}</c>) and the raw data. The header is checked completely on open,
/// so a bad header or a truncated file fails before any tensor is read.
/// </summary>
internal sealed class SafeTensorsReader : IDisposable
{
    private const long MaxHeaderBytes = 100_000_000;
    private readonly FileStream _stream;
    private readonly long _dataStart;

    /// <summary>Opens and validates <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The header is malformed or the file is shorter than the header says.</exception>
    public SafeTensorsReader(string path)
    {
        Path_ = path;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            var header = ReadHeader(out _dataStart);
            Entries = ParseHeader(header, _stream.Length - _dataStart);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    private string Path_ { get; }

    /// <summary>The tensors in the file, by name.</summary>
    public IReadOnlyDictionary<string, SafeTensorsEntry> Entries { get; }

    /// <summary>The <c>__metadata__</c> block, if any.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; private set; } = new Dictionary<string, string>();

    private byte[] ReadHeader(out long dataStart)
    {
        Span<byte> len = stackalloc byte[8];
        if (_stream.Length < 8 || _stream.Read(len) != 8)
            throw new InvalidDataException($"'{Path_}' is not a safetensors file: it is shorter than the 8-byte header length.");
        long n = BinaryPrimitives.ReadInt64LittleEndian(len);
        if (n <= 0 || n > MaxHeaderBytes)
            throw new InvalidDataException($"'{Path_}' has a bad safetensors header: header length {n} is not in 1..{MaxHeaderBytes}.");
        if (8 + n > _stream.Length)
            throw new InvalidDataException($"'{Path_}' is truncated: the header needs {n} bytes but only {_stream.Length - 8} follow.");
        var header = new byte[n];
        _stream.ReadExactly(header);
        dataStart = 8 + n;
        return header;
    }

    private Dictionary<string, SafeTensorsEntry> ParseHeader(byte[] header, long dataLength)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(header); }
        catch (JsonException e) { throw new InvalidDataException($"'{Path_}' has a bad safetensors header: not valid JSON ({e.Message}).", e); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"'{Path_}' has a bad safetensors header: expected a JSON object.");
            var entries = new Dictionary<string, SafeTensorsEntry>();
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (prop.Name == "__metadata__") { Metadata = ReadMetadata(prop.Value); continue; }
                var entry = ParseEntry(prop.Name, prop.Value);
                if (entry.End > dataLength)
                    throw new InvalidDataException(
                        $"'{Path_}' is truncated: tensor '{entry.Name}' ends at data byte {entry.End} but the data section has {dataLength} bytes.");
                entries[prop.Name] = entry;
            }
            return entries;
        }
    }

    private static Dictionary<string, string> ReadMetadata(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString()) : new();

    private SafeTensorsEntry ParseEntry(string name, JsonElement e)
    {
        try
        {
            var (type, size) = SafeTensorsDType.Parse(e.GetProperty("dtype").GetString() ?? "");
            long[] shape = e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            long[] offsets = e.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
                throw new InvalidDataException("data_offsets must be [begin, end] with 0 ≤ begin ≤ end");
            long expected = shape.Aggregate(1L, (a, d) => a * d) * size;
            if (shape.Any(d => d < 0) || offsets[1] - offsets[0] != expected)
                throw new InvalidDataException(
                    $"{offsets[1] - offsets[0]} bytes do not hold shape [{string.Join(", ", shape)}] of {size}-byte elements ({expected} bytes)");
            return new SafeTensorsEntry(name, type, shape, offsets[0], offsets[1]);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
        {
            throw new InvalidDataException($"'{Path_}' has a bad safetensors header entry for '{name}': {ex.Message}.", ex);
        }
    }

    /// <summary>Reads tensor <paramref name="name"/> into a new CPU tensor of its stored dtype.</summary>
    public Tensor Read(string name)
    {
        if (!Entries.TryGetValue(name, out var entry)) throw new KeyNotFoundException($"'{Path_}' has no tensor '{name}'.");
        var bytes = new byte[entry.End - entry.Begin];
        _stream.Position = _dataStart + entry.Begin;
        _stream.ReadExactly(bytes);
        var t = empty(entry.Shape, entry.DType);
        if (bytes.Length > 0) t.bytes = bytes;
        return t;
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
