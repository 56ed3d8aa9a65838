using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace R1.MLNet.DataView;

/// <summary>
/// Builds <see cref="SchemaShape"/>s for <c>GetOutputSchema</c>. Microsoft.ML 5 keeps the <see cref="SchemaShape.Column"/>
/// constructor and <c>SchemaShape.Create(DataViewSchema)</c> internal, so a third-party estimator cannot describe a new
/// column directly; this helper calls <c>SchemaShape.Create</c> by reflection on a schema made with the public
/// <see cref="DataViewSchema.Builder"/>, and fails with a clear message if a future Microsoft.ML removes it.
/// </summary>
internal static class SchemaShapes
{
    private static readonly MethodInfo? CreateMethod = typeof(SchemaShape).GetMethod(
        "Create", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(DataViewSchema)]);

    /// <summary>The shape of <paramref name="schema"/>.</summary>
    public static SchemaShape FromSchema(DataViewSchema schema)
    {
        if (CreateMethod is null)
            throw new NotSupportedException(
                "This Microsoft.ML version has no SchemaShape.Create(DataViewSchema); R1.MLNet needs it to describe output columns.");
        return (SchemaShape)CreateMethod.Invoke(null, [schema])!;
    }

    /// <summary><paramref name="input"/> plus scalar text columns <paramref name="names"/> (replacing any input columns with those names).</summary>
    public static SchemaShape WithTextColumns(SchemaShape input, IReadOnlyList<string> names)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var name in names) builder.AddColumn(name, TextDataViewType.Instance);
        var added = FromSchema(builder.ToSchema());
        return new SchemaShape(input.Where(c => !names.Contains(c.Name)).Concat(added));
    }
}
