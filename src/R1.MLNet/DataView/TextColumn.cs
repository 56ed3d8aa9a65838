using Microsoft.ML;
using Microsoft.ML.Data;

namespace R1.MLNet.DataView;

/// <summary>
/// Checks that the text columns a reasoning step reads exist and hold scalar text, in both an ML.NET
/// <see cref="SchemaShape"/> (used by <c>GetOutputSchema</c>) and a <see cref="DataViewSchema"/> (used by <c>Fit</c> and <c>Transform</c>).
/// Errors name the column, the expected type and the type found.
/// </summary>
internal static class TextColumn
{
    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> when <paramref name="column"/> is missing from <paramref name="schema"/>
    /// or is not scalar text.
    /// </summary>
    /// <param name="schema">The input schema.</param>
    /// <param name="column">The column name.</param>
    /// <param name="role">What the column is for (for the message), for example <c>prompt</c>.</param>
    public static void Require(DataViewSchema schema, string column, string role)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var found = schema.GetColumnOrNull(column)
                    ?? throw Missing(column, role, schema.Select(c => c.Name));
        if (found.Type is not TextDataViewType)
            throw Mistyped(column, role, found.Type.ToString() ?? found.Type.GetType().Name);
    }

    /// <summary>Like <see cref="Require(DataViewSchema,string,string)"/> for a <see cref="SchemaShape"/>.</summary>
    public static void Require(SchemaShape shape, string column, string role)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var matches = shape.Where(c => c.Name == column).ToList();
        if (matches.Count == 0)
            throw Missing(column, role, shape.Select(c => c.Name));
        var found = matches[^1];
        if (found.Kind != SchemaShape.Column.VectorKind.Scalar || found.ItemType is not TextDataViewType)
            throw Mistyped(column, role, Describe(found));
    }

    /// <summary>
    /// Checks an optional column: absent is fine when <paramref name="mayBeAbsent"/>; present must be scalar text.
    /// Returns whether the column will be read.
    /// </summary>
    public static bool CheckOptional(DataViewSchema schema, string? column, string role, bool mayBeAbsent)
    {
        if (column is null) return false;
        if (mayBeAbsent && schema.GetColumnOrNull(column) is null) return false;
        Require(schema, column, role);
        return true;
    }

    /// <summary>Like <see cref="CheckOptional(DataViewSchema,string?,string,bool)"/> for a <see cref="SchemaShape"/>.</summary>
    public static bool CheckOptional(SchemaShape shape, string? column, string role, bool mayBeAbsent)
    {
        if (column is null) return false;
        if (mayBeAbsent && !shape.Any(c => c.Name == column)) return false;
        Require(shape, column, role);
        return true;
    }

    private static string Describe(SchemaShape.Column c) =>
        c.Kind == SchemaShape.Column.VectorKind.Scalar ? $"{c.ItemType}" : $"{c.Kind} of {c.ItemType}";

    private static ArgumentOutOfRangeException Missing(string column, string role, IEnumerable<string> available) =>
        new("inputSchema", $"The {role} column '{column}' was not found in the input (expected type: String, found: no such column). " +
                           $"Available columns: {string.Join(", ", available.Distinct())}.");

    private static ArgumentOutOfRangeException Mistyped(string column, string role, string found) =>
        new("inputSchema", $"The {role} column '{column}' has the wrong type (expected type: String, found: {found}).");
}
