using Microsoft.ML;
using Microsoft.ML.Data;
using R1.MLNet.Training;
using R1.Rollout;

namespace R1.MLNet.DataView;

/// <summary>
/// The output view of <c>RejectionSample</c>: text <c>Prompt</c>, <c>Response</c>, <c>Completion</c>, <c>TaskType</c>, <c>DropReason</c>,
/// <c>DropDetail</c> (empty for none); int <c>PromptIndex</c>, <c>SampleIndex</c>; double <c>Total</c>; bool <c>Kept</c>; and
/// <c>Scores</c>, a vector of doubles with one slot per reward (slot names = reward names, NaN where the reward did not apply or is
/// missing). When the teacher is a policy the view carries it (<see cref="IPolicyCarrier"/>).
/// </summary>
internal static class RejectionSampleView
{
    private static readonly MLContext Context = new(seed: 0);

    /// <summary>The output schema for a pipeline with rewards <paramref name="rewards"/>.</summary>
    public static DataViewSchema Schema(IReadOnlyList<string> rewards) => Create([], rewards, includeRejected: true, policy: null).Schema;

    /// <summary>The view of <paramref name="rows"/> (only the kept ones unless <paramref name="includeRejected"/>).</summary>
    public static IDataView Create(IReadOnlyList<RejectionSampleRow> rows, IReadOnlyList<string> rewards, bool includeRejected, Policy? policy)
    {
        var output = rows.Where(r => includeRejected || r.Kept).Select(r => ToOutput(r, rewards)).ToList();
        var definition = SchemaDefinition.Create(typeof(RejectionSampleOutputRow));
        var scores = definition[nameof(RejectionSampleOutputRow.Scores)];
        scores.ColumnType = new VectorDataViewType(NumberDataViewType.Double, rewards.Count);
        var slots = new VBuffer<ReadOnlyMemory<char>>(rewards.Count, rewards.Select(n => n.AsMemory()).ToArray());
        scores.AddAnnotation("SlotNames", slots, new VectorDataViewType(TextDataViewType.Instance, rewards.Count));
        var view = Context.Data.LoadFromEnumerable(output, definition);
        return policy is null ? view : new PolicyDataView(view, policy);
    }

    private static RejectionSampleOutputRow ToOutput(RejectionSampleRow r, IReadOnlyList<string> rewards) => new()
    {
        Prompt = r.Prompt, Response = r.Response, Completion = r.Completion, TaskType = r.TaskType ?? "",
        PromptIndex = r.PromptIndex, SampleIndex = r.SampleIndex, Total = r.Total,
        Scores = rewards.Select(n => r.Scores.TryGetValue(n, out var v) && v is { } value ? value : double.NaN).ToArray(),
        Kept = r.Kept, DropReason = r.DropReason ?? "", DropDetail = r.DropDetail ?? "",
    };
}
