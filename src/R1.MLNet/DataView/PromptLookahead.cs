using Microsoft.ML;
using Microsoft.ML.Data;

using R1.MLNet.Reason;

namespace R1.MLNet.DataView;

/// <summary>
/// A second cursor over the input, on the prompt column only, that runs ahead of the main cursor so that
/// <see cref="ReasonOptions.BatchSize"/> rows are generated per call. Both cursors are unshuffled, so positions agree.
/// </summary>
internal sealed class PromptLookahead : IDisposable
{
    private readonly ReasonTransformer _transformer;
    private readonly DataViewRowCursor _cursor;
    private readonly ValueGetter<ReadOnlyMemory<char>> _prompt;
    private readonly ValueGetter<DataViewRowId> _id;
    private readonly Queue<(long Position, string[] Values)> _ready = new();
    private bool _hasCurrent;

    public PromptLookahead(ReasonTransformer transformer, IDataView source)
    {
        _transformer = transformer;
        _cursor = source.GetRowCursor([source.Schema[transformer.Settings.PromptColumnName]]);
        _prompt = _cursor.GetGetter<ReadOnlyMemory<char>>(source.Schema[transformer.Settings.PromptColumnName]);
        _id = _cursor.GetIdGetter();
    }

    /// <summary>The generated values (completion, reasoning, answer) of the row at <paramref name="position"/>; positions only increase.</summary>
    public string[] At(long position)
    {
        while (_ready.Count > 0 && _ready.Peek().Position < position) _ready.Dequeue();
        if (_ready.Count == 0) FillFrom(position);
        var (at, values) = _ready.Peek();
        if (at != position)
            throw new InvalidOperationException(
                $"The input returned rows in a different order on a second cursor (expected row {position}, got {at}).");
        return values;
    }

    private void FillFrom(long position)
    {
        // Skip rows the consumer moved past without reading a generated column.
        while (!_hasCurrent || _cursor.Position < position)
            if (!(_hasCurrent = _cursor.MoveNext())) throw new InvalidOperationException($"The input has no row {position} on a second cursor.");
        var rows = new List<(long Position, string Prompt)>();
        DataViewRowId firstId = default;
        _id(ref firstId);
        ReadOnlyMemory<char> prompt = default;
        do
        {
            _prompt(ref prompt);
            rows.Add((_cursor.Position, prompt.ToString()));
        }
        while (rows.Count < _transformer.Settings.BatchSize && (_hasCurrent = _cursor.MoveNext()));
        var outputs = _transformer.GenerateBatch(rows.Select(r => r.Prompt).ToList(), (long)firstId.Low);
        for (int i = 0; i < rows.Count; i++)
            _ready.Enqueue((rows[i].Position, [outputs[i].Completion, outputs[i].Reasoning, outputs[i].Answer]));
    }

    public void Dispose() => _cursor.Dispose();
}
