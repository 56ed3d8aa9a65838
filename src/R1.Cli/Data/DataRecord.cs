namespace R1.Cli.Data;

/// <summary>One row of a dataset file: field name to text (numbers and booleans as their JSON text; objects as JSON).</summary>
/// <param name="Index">The row's 0-based position in the file.</param>
/// <param name="Fields">The fields, by name (case-sensitive, as in the file).</param>
internal sealed record DataRecord(int Index, IReadOnlyDictionary<string, string?> Fields)
{
    public string? Get(string? name) => name is not null && Fields.TryGetValue(name, out var v) ? v : null;
}
