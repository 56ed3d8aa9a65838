using System.Security.Cryptography;
using System.Text.Json;

namespace R1.MLNet.Training;

/// <summary>
/// <c>manifest.json</c>, the last file of a checkpoint: the size and SHA-256 of every other file (paths relative to the
/// checkpoint folder; the shared reference as <c>../reference-…/…</c>). A folder without it is incomplete; loading checks
/// every listed file against it before anything is read into the model.
/// </summary>
internal sealed record CheckpointManifest(int Format, int Step, Dictionary<string, CheckpointFileHash> Files, string? Reference = null)
{
    /// <summary>The file name.</summary>
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Hashes every file under <paramref name="folder"/> and under <paramref name="referenceFolder"/>, when given.</summary>
    public static CheckpointManifest Create(string folder, int step, string? referenceFolder) =>
        Create(folder, step, referenceFolder is null ? null : new StoredReference(referenceFolder, HashFiles(referenceFolder)));

    /// <summary>
    /// Hashes every file under <paramref name="folder"/>, and lists the already-hashed files of the run's shared
    /// <paramref name="reference"/> (which does not change during a run, so it is hashed once, when it is written).
    /// </summary>
    public static CheckpointManifest Create(string folder, int step, StoredReference? reference)
    {
        var files = HashFiles(folder);
        if (reference is not null)
            foreach (var (relative, hash) in reference.Files)
                files[RelativePath(folder, Path.Combine(reference.Folder, relative))] = hash;
        return new CheckpointManifest(1, step, files, reference is null ? null : Path.GetFileName(reference.Folder));
    }

    /// <summary>The size and SHA-256 of every file under <paramref name="root"/>, by path relative to it.</summary>
    public static Dictionary<string, CheckpointFileHash> HashFiles(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .ToDictionary(f => RelativePath(root, f), Hash, StringComparer.Ordinal);

    private static string RelativePath(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    /// <summary>Writes the manifest into <paramref name="folder"/> (flushed to disk before it returns).</summary>
    public void Write(string folder)
    {
        string path = Path.Combine(folder, FileName);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        JsonSerializer.Serialize(stream, this, Json);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Reads <paramref name="folder"/>'s manifest and checks every listed file; throws an <see cref="InvalidDataException"/>
    /// naming the first file that is missing or differs.
    /// </summary>
    public static CheckpointManifest Verify(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new InvalidDataException($"'{folder}' is not a complete checkpoint: {FileName} is missing (it is written last).");
        CheckpointManifest? manifest;
        try { manifest = JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"'{path}' is not a valid checkpoint manifest: {e.Message}", e); }
        if (manifest?.Files is not { Count: > 0 } files) throw new InvalidDataException($"'{path}' lists no files.");
        foreach (var (relative, expected) in files)
        {
            string file = Path.GetFullPath(Path.Combine(folder, relative));
            if (!File.Exists(file)) throw new InvalidDataException($"'{file}' is missing (listed in '{path}').");
            var actual = Hash(file);
            if (actual.Bytes != expected.Bytes)
                throw new InvalidDataException($"'{file}' has {actual.Bytes} bytes but '{path}' records {expected.Bytes} (truncated or damaged).");
            if (!string.Equals(actual.Sha256, expected.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"'{file}' is damaged: its SHA-256 differs from the one in '{path}'.");
        }
        return manifest;
    }

    /// <summary>The size and SHA-256 of <paramref name="file"/>.</summary>
    public static CheckpointFileHash Hash(string file)
    {
        using var stream = File.OpenRead(file);
        return new CheckpointFileHash(stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}

/// <summary>One file's entry in a <see cref="CheckpointManifest"/>.</summary>
/// <param name="Bytes">The file size.</param>
/// <param name="Sha256">The lower-case hex SHA-256 of its content.</param>
internal sealed record CheckpointFileHash(long Bytes, string Sha256);

/// <summary>The run's frozen reference, stored once beside the step folders, with the hashes of its files.</summary>
/// <param name="Folder">The <c>reference-…</c> folder.</param>
/// <param name="Files">Size and SHA-256 of each of its files, by path relative to <paramref name="Folder"/>.</param>
internal sealed record StoredReference(string Folder, IReadOnlyDictionary<string, CheckpointFileHash> Files);
