using System.Text;

namespace R1.Cli.Data;

/// <summary>RFC 4180 CSV: a header row, comma-separated fields, double-quoted fields that may hold commas, quotes ("") and newlines.</summary>
internal static class CsvReader
{
    public static IEnumerable<DataRecord> Read(TextReader reader, string file)
    {
        var header = ReadRow(reader) ?? throw new InvalidDataException($"'{file}' is empty: a CSV file needs a header row.");
        int index = 0;
        while (ReadRow(reader) is { } row)
        {
            if (row.Count == 1 && row[0].Length == 0) continue;          // blank line
            if (row.Count != header.Count)
                throw new InvalidDataException($"'{file}' row {index + 1}: {row.Count} fields, but the header has {header.Count}.");
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (int i = 0; i < header.Count; i++) fields[header[i]] = row[i];
            yield return new DataRecord(index++, fields);
        }
    }

    /// <summary>The next row's fields, or null at the end of the input.</summary>
    public static List<string>? ReadRow(TextReader reader)
    {
        if (reader.Peek() < 0) return null;
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        while (true)
        {
            int c = reader.Read();
            if (quoted)
            {
                if (c < 0) throw new InvalidDataException("A quoted CSV field is not closed.");
                if (c == '"' && reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                else if (c == '"') quoted = false;
                else field.Append((char)c);
                continue;
            }
            if (c == '"' && field.Length == 0) { quoted = true; continue; }
            if (c is ',' ) { fields.Add(field.ToString()); field.Clear(); continue; }
            if (c is '\r' && reader.Peek() == '\n') continue;
            if (c is '\n' or -1) { fields.Add(field.ToString()); return fields; }
            field.Append((char)c);
        }
    }
}
