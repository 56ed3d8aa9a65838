using Microsoft.ML;
using R1.MLNet.DataView;
using R1.MLNet.Training;

namespace R1.MLNet.DataView;

/// <summary>
/// The text columns a GRPO or rejection-sampling step reads: the prompt (required) and the reference columns the rewards use
/// (answer, tests, entry point, language, task type). A reference column
/// left at its default name may be absent (its value is then <see langword="null"/>); a name set to anything else must exist.
/// </summary>
internal sealed record ReferenceColumns(string Prompt, string? Answer, string? Tests, string? EntryPoint, string? Language,
    string? TaskType = ReferenceColumns.DefaultTaskType)
{
    public const string DefaultAnswer = "Answer", DefaultTests = "Tests", DefaultEntryPoint = "EntryPoint", DefaultLanguage = "Language";
    public const string DefaultTaskType = "TaskType";

    private IEnumerable<(string? Name, string Role, string Default)> References() =>
    [
        (Answer, "answer", DefaultAnswer), (Tests, "tests", DefaultTests),
        (EntryPoint, "entry point", DefaultEntryPoint), (Language, "language", DefaultLanguage),
        (TaskType, "task type", DefaultTaskType),
    ];

    /// <summary>Checks the shape; used by <c>GetOutputSchema</c>.</summary>
    public void Check(SchemaShape shape)
    {
        TextColumn.Require(shape, Prompt, "prompt");
        foreach (var (name, role, def) in References()) TextColumn.CheckOptional(shape, name, role, mayBeAbsent: name == def);
    }

    /// <summary>Checks the schema and returns the column names to read, <see langword="null"/> for absent ones, in record order.</summary>
    public string?[] Resolve(DataViewSchema schema)
    {
        TextColumn.Require(schema, Prompt, "prompt");
        return [Prompt, .. References().Select(r =>
            TextColumn.CheckOptional(schema, r.Name, r.Role, mayBeAbsent: r.Name == r.Default) ? r.Name : null)];
    }

    /// <summary>
    /// Reads the examples (only these columns). ML.NET text has no null, so an empty reference value becomes
    /// <see langword="null"/> ("no reference"), as does an absent column; an empty prompt is an error.
    /// </summary>
    public List<ReasoningExample> ReadExamples(IDataView data, string consumer, CancellationToken cancellationToken)
    {
        var rows = TextColumnReader.Read(data, Resolve(data.Schema), cancellationToken);
        return rows.Select((r, i) => new ReasoningExample(
                string.IsNullOrEmpty(r[0]) ? throw new InvalidDataException($"{consumer}: row {i} has an empty prompt (column '{Prompt}').") : r[0]!,
                NullIfEmpty(r[1]), NullIfEmpty(r[2]), NullIfEmpty(r[3]), NullIfEmpty(r[4]), NullIfEmpty(r[5])))
            .ToList();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
