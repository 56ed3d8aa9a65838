using Microsoft.ML;
using Microsoft.ML.Data;

namespace R1.MLNet.Inference;

/// <summary>Passes input columns through and generates the completion columns on first access to a row.</summary>
internal sealed class ReasonCursor : DataViewRowCursor
{
    private readonly ReasonTransformer _transformer;
    private readonly DataViewRowCursor _input;
    private readonly bool[] _active;
    private readonly ValueGetter<ReadOnlyMemory<char>>? _prompt;
    private readonly ValueGetter<DataViewRowId> _id;
    private long _generatedAt = -1;
    private string[] _values = [];

    public ReasonCursor(ReasonTransformer transformer, DataViewRowCursor input, DataViewSchema schema, bool[] active, bool generate)
    {
        _transformer = transformer;
        _input = input;
        _active = active;
        Schema = schema;
        _id = input.GetIdGetter();
        if (generate) _prompt = input.GetGetter<ReadOnlyMemory<char>>(input.Schema[transformer.Options.PromptColumnName]);
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override bool MoveNext() => _input.MoveNext();

    public override ValueGetter<DataViewRowId> GetIdGetter() => _id;

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
        ValueGetter<ReadOnlyMemory<char>> getter = (ref ReadOnlyMemory<char> value) => value = Current()[slot].AsMemory();
        return (ValueGetter<TValue>)(Delegate)getter;
    }

    private string[] Current()
    {
        if (_generatedAt == _input.Position) return _values;
        ReadOnlyMemory<char> prompt = default;
        _prompt!(ref prompt);
        DataViewRowId id = default;
        _id(ref id);
        var output = _transformer.Generate(prompt.ToString(), (long)id.Low);
        _values = [output.Completion, output.Reasoning, output.Answer];
        _generatedAt = _input.Position;
        return _values;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }
}
