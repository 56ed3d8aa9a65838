using Microsoft.ML;
using Microsoft.ML.Data;

using R1.MLNet.Reason;

namespace R1.MLNet.DataView;

/// <summary>
/// Row-by-row form of <see cref="ReasonTransformer"/>, used by <c>mlContext.Model.CreatePredictionEngine</c>: one question at a
/// time, generated when a generated column is first read for that row.
/// </summary>
internal sealed class ReasonRowMapper : IRowToRowMapper
{
    private readonly ReasonTransformer _transformer;

    public ReasonRowMapper(ReasonTransformer transformer, DataViewSchema inputSchema)
    {
        _transformer = transformer;
        InputSchema = inputSchema;
        OutputSchema = transformer.GetOutputSchema(inputSchema);
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = new SortedSet<int>();
        foreach (var column in dependingColumns)
            needed.Add(column.Index < InputSchema.Count ? column.Index : InputSchema[_transformer.Settings.PromptColumnName].Index);
        return needed.Select(i => InputSchema[i]).ToArray();
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        var active = new bool[OutputSchema.Count];
        foreach (var column in activeColumns) active[column.Index] = true;
        return new ReasonRow(_transformer, input, OutputSchema, active);
    }
}
