using Microsoft.ML;
using R1.Rollout;

using R1.MLNet.Reason;

namespace R1.MLNet.DataView;

/// <summary>
/// The output of <see cref="ReasonTransformer.Transform"/>: the input columns followed by the generated ones. A cursor reads
/// from the input only the columns it is asked for; when a generated column is active, a second input cursor reads the
/// prompt column only, ahead of it, to generate <see cref="ReasonOptions.BatchSize"/> rows per call. Never shuffled.
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

    /// <summary>False: rows keep the input order, so the look-ahead prompt cursor sees them in the same order.</summary>
    public bool CanShuffle => false;

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
        var input = _source.GetRowCursor(inputColumns.Select(i => _source.Schema[i]));
        return new ReasonCursor(input, Schema, active, generate ? new PromptLookahead(_transformer, _source) : null);
    }

    /// <summary>One cursor: the policy generates one row at a time.</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
