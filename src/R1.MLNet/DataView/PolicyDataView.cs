using Microsoft.ML;
using R1.Rollout;

namespace R1.MLNet.DataView;

/// <summary>
/// The output of a training step: the input rows unchanged, plus the fitted <see cref="Policy"/> for the next step of the chain.
/// </summary>
internal sealed class PolicyDataView : IDataView, IPolicyCarrier
{
    private readonly IDataView _source;

    /// <summary>Wraps <paramref name="source"/>.</summary>
    public PolicyDataView(IDataView source, Policy policy)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    /// <inheritdoc />
    public Policy Policy { get; }

    /// <inheritdoc />
    public bool CanShuffle => _source.CanShuffle;

    /// <inheritdoc />
    public DataViewSchema Schema => _source.Schema;

    /// <inheritdoc />
    public long? GetRowCount() => _source.GetRowCount();

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        _source.GetRowCursor(columnsNeeded, rand);

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        _source.GetRowCursorSet(columnsNeeded, n, rand);
}
