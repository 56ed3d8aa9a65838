using Microsoft.ML;
using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Setups;

/// <summary>
/// The data of the ML.NET pipeline snippets: <c>rows</c>, <c>train</c> (the same rows as an <see cref="IDataView"/>) and
/// <c>test</c> (held-out questions), a handful of single-digit sums.
/// </summary>
[SnippetSetup("tiny-pipeline-data")]
public static class TinyPipelineData
{
    public static IReadOnlyList<QaRow> rows { get; private set; } = [];

    public static IDataView train { get; private set; } = null!;

    public static IDataView test { get; private set; } = null!;

    public static void Run(SnippetContext context)
    {
        var ml = new MLContext(seed: 0);
        rows = Sums(0, 4);
        train = ml.Data.LoadFromEnumerable(rows);
        test = ml.Data.LoadFromEnumerable(Sums(16, 2));
    }

    private static List<QaRow> Sums(int from, int count) =>
        Enumerable.Range(from, count).Select(i => (A: i % 10, B: i * 7 % 10)).Select(x => new QaRow
        {
            Prompt = $"{x.A}+{x.B}", Answer = $"{x.A + x.B}",
            Response = $"<think>{x.A}+{x.B}={x.A + x.B}</think> <answer>{x.A + x.B}</answer>",
        }).ToList();
}
