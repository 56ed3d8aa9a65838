using R1.Cli.Configuration;
using R1.MLNet.Training;

namespace R1.Cli.Data;

/// <summary>Turns dataset rows into what the trainers take: SFT pairs, GRPO / rejection-sampling examples, evaluation items.</summary>
internal static class DatasetMapper
{
    public static IReadOnlyList<(string Prompt, string Response)> SftPairs(DataConfig data)
    {
        var records = DatasetReader.Read(data.Path, data.Format, data.Limit);
        var fields = new DataFields(data, records);
        string prompt = fields.Prompt, response = fields.Response;
        return records.Select(r => (Text(r, prompt, "prompt"), Text(r, response, "response"))).ToList();
    }

    public static IReadOnlyList<ReasoningExample> Examples(DataConfig data) => Items(data).Select(i => i.Example).ToList();

    public static IReadOnlyList<EvalItem> Items(DataConfig data)
    {
        var records = DatasetReader.Read(data.Path, data.Format, data.Limit);
        var fields = new DataFields(data, records);
        string prompt = fields.Prompt;
        string? tests = fields.Tests, entryPoint = fields.EntryPoint, id = fields.Id;
        string? answer = tests is null ? fields.RequireAnswer() : fields.Answer;
        return records.Select(r => new EvalItem(r.Get(id) ?? r.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new ReasoningExample(Text(r, prompt, "prompt"), GoldAnswer(r.Get(answer)), r.Get(tests), r.Get(entryPoint)))).ToList();
    }

    /// <summary>GSM8K's answers end in <c>#### n</c> after the worked solution: the gold answer is <c>n</c>.</summary>
    public static string? GoldAnswer(string? answer)
    {
        if (answer is null) return null;
        int marker = answer.LastIndexOf("####", StringComparison.Ordinal);
        return marker < 0 ? answer.Trim() : answer[(marker + 4)..].Trim().Replace(",", "", StringComparison.Ordinal);
    }

    private static string Text(DataRecord r, string field, string role) =>
        r.Get(field) is { Length: > 0 } text ? text
            : throw new CliException($"Row {r.Index + 1}: the {role} field '{field}' is empty or missing.");
}
