using R1.MLNet.Training;

namespace R1.MLNet.Recipe;

/// <summary>
/// The small record a completed stage leaves in its folder (<c>stage.json</c>, written last and atomically): what it produced and
/// the SHA-256 of every file of its policy, so a damaged policy makes the stage run again.
/// </summary>
internal sealed record RecipeStageRecord
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public RecipeStage Stage { get; init; }

    public DateTimeOffset CompletedAt { get; init; }

    public int Steps { get; init; }

    public double Seconds { get; init; }

    public Dictionary<string, string> PolicyFiles { get; init; } = [];

    public RecipeEvaluation? Evaluation { get; init; }

    public RejectionSamplingSummary? RejectionSampling { get; init; }

    public int? SftRows { get; init; }
}
