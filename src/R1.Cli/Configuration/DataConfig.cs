using System.Text.Json.Serialization;

namespace R1.Cli.Configuration;

/// <summary>
/// A dataset file and the names of its fields. In a config either a path (<c>data: train.jsonl</c>) or an object
/// (<c>data: { path: train.jsonl, prompt: question }</c>). A field left unset is found among its usual names.
/// </summary>
[JsonConverter(typeof(DataConfigConverter))]
internal sealed class DataConfig
{
    /// <summary>A <c>.jsonl</c>, <c>.jsonl.gz</c>, <c>.json</c> (an array) or <c>.csv</c> file.</summary>
    public string? Path { get; set; }

    /// <summary><c>jsonl</c> or <c>csv</c>; default from the file extension.</summary>
    public string? Format { get; set; }

    /// <summary>The question field. Default the first of <c>prompt</c>, <c>question</c>, <c>problem</c>.</summary>
    public string? Prompt { get; set; }

    /// <summary>The gold answer field. Default the first of <c>answer</c>, <c>expected_answer</c>, <c>solution</c>.</summary>
    public string? Answer { get; set; }

    /// <summary>
    /// The SFT target field. Default the first of <c>response</c>, <c>completion</c>, <c>output</c>, <c>solution</c>, <c>answer</c>.
    /// </summary>
    public string? Response { get; set; }

    /// <summary>The test-code field (code rewards). Default <c>test</c> or <c>tests</c>.</summary>
    public string? Tests { get; set; }

    /// <summary>The entry-point field (code rewards). Default <c>entry_point</c>.</summary>
    public string? EntryPoint { get; set; }

    /// <summary>The row id field. Default <c>id</c>, <c>task_id</c> or <c>unique_id</c>; else the row number.</summary>
    public string? Id { get; set; }

    /// <summary>Read at most this many rows (the first ones). Default all.</summary>
    public int? Limit { get; set; }

    /// <summary>Fills every unset value from <paramref name="parent"/>.</summary>
    public DataConfig InheritFrom(DataConfig? parent)
    {
        if (parent is null) return this;
        Path ??= parent.Path;
        Format ??= parent.Format;
        Prompt ??= parent.Prompt;
        Answer ??= parent.Answer;
        Response ??= parent.Response;
        Tests ??= parent.Tests;
        EntryPoint ??= parent.EntryPoint;
        Id ??= parent.Id;
        Limit ??= parent.Limit;
        return this;
    }

    /// <summary>A copy.</summary>
    public DataConfig Clone() => (DataConfig)MemberwiseClone();
}
