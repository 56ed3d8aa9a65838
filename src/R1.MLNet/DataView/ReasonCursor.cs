using Microsoft.ML;
using Microsoft.ML.Data;

using R1.MLNet.Reason;

namespace R1.MLNet.DataView;

/// <summary>Passes input columns through; generated columns come from a <see cref="PromptLookahead"/> that generates rows in batches.</summary>
internal sealed class ReasonCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly bool[] _active;
    private readonly PromptLookahead? _lookahead;

    public ReasonCursor(DataViewRowCursor input, DataViewSchema schema, bool[] active, PromptLookahead? lookahead)
    {
        _input = input;
        _active = active;
        _lookahead = lookahead;
        Schema = schema;
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override bool MoveNext() => _input.MoveNext();

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_active[column.Index])
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when this cursor was opened.");
        int inputCount = _input.Schema.Count;
        if (column.Index < inputCount) return _input.GetGetter<TValue>(_input.Schema[column.Index]);
        if (typeof(TValue) != typeof(ReadOnlyMemory<char>))
            throw new InvalidOperationException($"Column '{column.Name}' is text (ReadOnlyMemory<char>), not {typeof(TValue).Name}.");
        int slot = column.Index - inputCount;
        ValueGetter<ReadOnlyMemory<char>> getter = (ref ReadOnlyMemory<char> value) => value = _lookahead!.At(_input.Position)[slot].AsMemory();
        return (ValueGetter<TValue>)(Delegate)getter;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Dispose();
            _lookahead?.Dispose();
        }
        base.Dispose(disposing);
    }
}
