using Microsoft.ML;
using R1.MLNet.Transformers;
using R1.Rollout;

namespace R1.MLNet.Inference;

/// <summary>
/// The output of <see cref="ReasonTransformer.Transform"/>: the input columns followed by the generated ones. A cursor reads
/// from the input only the columns it is asked for, plus the prompt column when a generated column is active.
/// </summary>
internal sealed class ReasonDataView : IDataView, IPolicyCarrier
{
    private readonly ReasonTransformer _transformer;
    private readonly IDataView _source;

    public ReasonDataView(ReasonTransformer transformer, IDataView source, DataViewSchema schema)
    {
        _transformer = transformer;
        _source = source;
        Schema = schema;
    }

    public Policy Policy => _transformer.Policy;

    public bool CanShuffle => _source.CanShuffle;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        int inputCount = _source.Schema.Count;
        var active = new bool[Schema.Count];
        var inputColumns = new SortedSet<int>();
        foreach (var column in columnsNeeded)
        {
            active[column.Index] = true;
            if (column.Index < inputCount) inputColumns.Add(column.Index);
        }
        bool generate = active.Skip(inputCount).Any(a => a);
        if (generate) inputColumns.Add(_source.Schema[_transformer.Options.PromptColumnName].Index);
        var input = _source.GetRowCursor(inputColumns.Select(i => _source.Schema[i]), rand);
        return new ReasonCursor(_transformer, input, Schema, active, generate);
    }

    /// <summary>One cursor: the policy generates one row at a time.</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
