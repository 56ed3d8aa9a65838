using R1.MLNet.Training;

namespace R1.MLNet.Recipe;

/// <summary>What one stage of <see cref="R1Recipe"/> produced.</summary>
public sealed record RecipeStageResult
{
    /// <summary>The stage.</summary>
    public required RecipeStage Stage { get; init; }

    /// <summary>The stage's folder in the work directory.</summary>
    public required string Folder { get; init; }

    /// <summary>The policy the stage produced, a Hugging Face folder (<c>Policy.Load</c> reads it).</summary>
    public required string PolicyFolder { get; init; }

    /// <summary>Whether an earlier run completed the stage and this run loaded its record instead of training.</summary>
    public bool Loaded { get; init; }

    /// <summary>Optimizer steps the stage's trainer ran in total (0 for the base).</summary>
    public int Steps { get; init; }

    /// <summary>Seconds the stage took when it ran (across resumed runs: the last one's), evaluation excluded.</summary>
    public double Seconds { get; init; }

    /// <summary>The held-out evaluation of the stage's policy; <see langword="null"/> without held-out data.</summary>
    public RecipeEvaluation? Evaluation { get; init; }

    /// <summary>Stage 3: what rejection sampling kept and why it dropped the rest.</summary>
    public RejectionSamplingSummary? RejectionSampling { get; init; }

    /// <summary>Stage 3: the SFT rows (kept samples plus non-reasoning rows).</summary>
    public int? SftRows { get; init; }

    /// <summary>Stage 3: the sampler's JSONL file of every sample, kept and dropped.</summary>
    public string? SamplesPath { get; init; }

    /// <summary>Stage 3 in this process: every sample with its scores and drop reason (<see langword="null"/> when loaded).</summary>
    public RejectionSamplingResult? Samples { get; init; }

    /// <summary>The SFT stages in this process: the trainer's result (<see langword="null"/> when loaded).</summary>
    public SftResult? Sft { get; init; }

    /// <summary>The GRPO stages in this process: the trainer's result (<see langword="null"/> when loaded).</summary>
    public GrpoResult? Grpo { get; init; }
}
