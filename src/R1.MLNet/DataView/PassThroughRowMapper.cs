using Microsoft.ML;
using Microsoft.ML.Data;

namespace R1.MLNet.DataView;

/// <summary>The row-to-row form of a training step's transformer: rows pass through unchanged.</summary>
internal sealed class PassThroughRowMapper(DataViewSchema schema) : IRowToRowMapper
{
    public DataViewSchema InputSchema { get; } = schema;

    public DataViewSchema OutputSchema => InputSchema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) => dependingColumns.ToArray();

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) => input;
}
