using Microsoft.ML;

namespace R1.MLNet.DataView;

/// <summary>
/// Reads a few text columns of an <see cref="IDataView"/> into memory, opening the cursor on those columns only
/// (so upstream lazy columns, such as generated completions, are never computed).
/// </summary>
internal static class TextColumnReader
{
    /// <summary>
    /// Reads <paramref name="columns"/> row by row. A <see langword="null"/> entry in <paramref name="columns"/> yields
    /// <see langword="null"/> in every row at that position (an optional column that is absent).
    /// Every named column must be scalar text (checked first).
    /// </summary>
    /// <returns>One array per row, aligned with <paramref name="columns"/>.</returns>
    public static IReadOnlyList<string?[]> Read(IDataView data, IReadOnlyList<string?> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var name in columns)
            if (name != null) TextColumn.Require(data.Schema, name, "input");
        var schemaColumns = columns.Select(n => n is null ? (Microsoft.ML.DataViewSchema.Column?)null : data.Schema[n]).ToArray();
        var needed = schemaColumns.Where(c => c.HasValue).Select(c => c!.Value).Distinct().ToArray();
        using var cursor = data.GetRowCursor(needed);
        var getters = schemaColumns.Select(c => c.HasValue ? cursor.GetGetter<ReadOnlyMemory<char>>(c.Value) : null).ToArray();
        var rows = new List<string?[]>();
        ReadOnlyMemory<char> value = default;
        while (cursor.MoveNext())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = new string?[getters.Length];
            for (int i = 0; i < getters.Length; i++)
            {
                if (getters[i] is not { } get) continue;
                get(ref value);
                row[i] = value.ToString();
            }
            rows.Add(row);
        }
        return rows;
    }
}
