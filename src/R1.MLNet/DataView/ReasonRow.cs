using Microsoft.ML;
using Microsoft.ML.Data;

using R1.MLNet.Reason;

namespace R1.MLNet.DataView;

/// <summary>One input row plus its generated columns, computed on first read and kept while the row's prompt is unchanged.</summary>
internal sealed class ReasonRow : DataViewRow
{
    private readonly ReasonTransformer _transformer;
    private readonly DataViewRow _input;
    private readonly bool[] _active;
    private string? _prompt;
    private string[] _values = [];

    public ReasonRow(ReasonTransformer transformer, DataViewRow input, DataViewSchema schema, bool[] active)
    {
        _transformer = transformer;
        _input = input;
        _active = active;
        Schema = schema;
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_active[column.Index]) throw new InvalidOperationException($"Column '{column.Name}' is not active in this row.");
        int inputCount = _input.Schema.Count;
        if (column.Index < inputCount) return _input.GetGetter<TValue>(_input.Schema[column.Index]);
        if (typeof(TValue) != typeof(ReadOnlyMemory<char>))
            throw new InvalidOperationException($"Column '{column.Name}' is text (ReadOnlyMemory<char>), not {typeof(TValue).Name}.");
        int slot = column.Index - inputCount;
        var prompt = _input.GetGetter<ReadOnlyMemory<char>>(_input.Schema[_transformer.Settings.PromptColumnName]);
        ValueGetter<ReadOnlyMemory<char>> getter = (ref ReadOnlyMemory<char> value) => value = Current(prompt)[slot].AsMemory();
        return (ValueGetter<TValue>)(Delegate)getter;
    }

    private string[] Current(ValueGetter<ReadOnlyMemory<char>> promptGetter)
    {
        ReadOnlyMemory<char> raw = default;
        promptGetter(ref raw);
        string prompt = raw.ToString();
        if (prompt == _prompt) return _values;
        var output = _transformer.Generate(prompt);
        _values = [output.Completion, output.Reasoning, output.Answer];
        _prompt = prompt;
        return _values;
    }
}
