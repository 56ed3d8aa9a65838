using Microsoft.ML;

namespace R1.MLNet.Tests.TestSupport;

/// <summary>Wraps a data view and records which columns each cursor asked for.</summary>
internal sealed class RecordingDataView(IDataView inner) : IDataView
{
    public List<string[]> Requests { get; } = new();
    public bool CanShuffle => inner.CanShuffle;
    public DataViewSchema Schema => inner.Schema;
    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var cols = columnsNeeded.ToArray();
        Requests.Add(cols.Select(c => c.Name).ToArray());
        return inner.GetRowCursor(cols, rand);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
