using R1.Cli.Configuration;

namespace R1.Cli.Data;

/// <summary>Which field of the rows is the prompt, the answer, the response…: the configured name, else the first usual name present.</summary>
internal sealed class DataFields
{
    private static readonly string[] PromptNames = ["prompt", "question", "problem", "input"];
    private static readonly string[] AnswerNames = ["answer", "expected_answer", "solution", "target"];
    private static readonly string[] ResponseNames = ["response", "completion", "output", "solution", "answer"];
    private static readonly string[] TestsNames = ["test", "tests"];
    private static readonly string[] EntryPointNames = ["entry_point", "entryPoint"];
    private static readonly string[] IdNames = ["id", "task_id", "unique_id"];

    private readonly DataConfig _config;
    private readonly IReadOnlyDictionary<string, string?> _first;

    public DataFields(DataConfig config, IReadOnlyList<DataRecord> records)
    {
        _config = config;
        _first = records[0].Fields;
    }

    public string Prompt => Pick(_config.Prompt, PromptNames, "prompt", required: true)!;

    public string? Answer => Pick(_config.Answer, AnswerNames, "answer", required: false);

    public string Response => Pick(_config.Response, ResponseNames, "response", required: true)!;

    public string? Tests => Pick(_config.Tests, TestsNames, "tests", required: false);

    public string? EntryPoint => Pick(_config.EntryPoint, EntryPointNames, "entryPoint", required: false);

    public string? Id => Pick(_config.Id, IdNames, "id", required: false);

    /// <summary>The answer field as required (for evaluation and GRPO without code tests).</summary>
    public string RequireAnswer() => Pick(_config.Answer, AnswerNames, "answer", required: true)!;

    private string? Pick(string? configured, string[] usual, string role, bool required)
    {
        if (configured is not null)
            return _first.ContainsKey(configured) ? configured
                : throw new CliException($"data.{role}: the rows have no field '{configured}' (fields: {string.Join(", ", _first.Keys)}).");
        var found = usual.FirstOrDefault(_first.ContainsKey);
        if (found is null && required)
            throw new CliException($"No {role} field: the rows have {string.Join(", ", _first.Keys)}; " +
                                   $"name one with data.{role} (usual names: {string.Join(", ", usual)}).");
        return found;
    }
}
