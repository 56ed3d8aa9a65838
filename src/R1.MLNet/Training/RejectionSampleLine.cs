namespace R1.MLNet.Training;

/// <summary>One line of a rejection-sampling output file: a <see cref="RejectionSampleRow"/> with its batch and the run's fingerprint.</summary>
internal sealed record RejectionSampleLine
{
    public int Batch { get; init; }

    public string Run { get; init; } = "";

    public int PromptIndex { get; init; }

    public int SampleIndex { get; init; }

    public string Prompt { get; init; } = "";

    public string Response { get; init; } = "";

    public string Completion { get; init; } = "";

    public string? Answer { get; init; }

    public string? Tests { get; init; }

    public string? EntryPoint { get; init; }

    public string? Language { get; init; }

    public string? TaskType { get; init; }

    public Dictionary<string, double?> Scores { get; init; } = [];

    public double Total { get; init; }

    public bool Kept { get; init; }

    public string? DropReason { get; init; }

    public string? DropDetail { get; init; }

    public static RejectionSampleLine From(RejectionSampleRow row, int batch, string run) => new()
    {
        Batch = batch, Run = run, PromptIndex = row.PromptIndex, SampleIndex = row.SampleIndex, Prompt = row.Prompt,
        Response = row.Response, Completion = row.Completion, Answer = row.Answer, Tests = row.Tests, EntryPoint = row.EntryPoint,
        Language = row.Language, TaskType = row.TaskType, Scores = new(row.Scores, StringComparer.OrdinalIgnoreCase), Total = row.Total,
        Kept = row.Kept, DropReason = row.DropReason, DropDetail = row.DropDetail,
    };

    public RejectionSampleRow ToRow() => new()
    {
        PromptIndex = PromptIndex, SampleIndex = SampleIndex, Prompt = Prompt, Response = Response, Completion = Completion,
        Answer = Answer, Tests = Tests, EntryPoint = EntryPoint, Language = Language, TaskType = TaskType,
        Scores = new Dictionary<string, double?>(Scores ?? [], StringComparer.OrdinalIgnoreCase), Total = Total, Kept = Kept,
        DropReason = DropReason, DropDetail = DropDetail,
    };
}
