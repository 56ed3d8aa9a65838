using R1.MLNet.Training;
using R1.Rollout.ChatTemplates;

namespace R1.MLNet.Recipe;

/// <summary>
/// The settings of <see cref="R1Recipe"/>: one group per stage (<see langword="null"/> skips that stage), the work directory that
/// holds the checkpoints between stages, and the held-out evaluation. The trainers' checkpoint folders and resume points are set
/// by the recipe (one folder per stage under <see cref="WorkDirectory"/>); their other settings are used as given.
/// </summary>
public sealed class R1RecipeOptions
{
    /// <summary>
    /// The folder of the run: one subfolder per stage (<c>0-base</c>, <c>1-cold-start</c>, …) with the stage's policy, its trainer
    /// checkpoints and its record. Running again with the same folder resumes. Required.
    /// </summary>
    public string? WorkDirectory { get; set; }

    /// <summary>Stage 1, cold-start SFT on <see cref="R1RecipeData.ColdStart"/>. Default none (skipped).</summary>
    public SftOptions? ColdStart { get; set; }

    /// <summary>Stage 2, reasoning RL on <see cref="R1RecipeData.ReasoningPrompts"/> with the reasoning rewards. Default none (skipped).</summary>
    public GrpoOptions? ReasoningRl { get; set; }

    /// <summary>Stage 3, rejection sampling on <see cref="R1RecipeData.RejectionSamplingPrompts"/> and SFT. Default none (skipped).</summary>
    public RejectionSamplingStageOptions? RejectionSampling { get; set; }

    /// <summary>
    /// Stage 4, RL for all scenarios on <see cref="R1RecipeData.AllScenariosPrompts"/> with the routed rewards. Default none (skipped).
    /// </summary>
    public GrpoOptions? AllScenariosRl { get; set; }

    /// <summary>
    /// The held-out evaluation after every stage (skipped when there is no held-out data). Default see <see cref="RecipeEvaluationOptions"/>.
    /// </summary>
    public RecipeEvaluationOptions Evaluation { get; set; } = new();

    /// <summary>How questions become model input, for every stage. Default <see cref="PromptFormat.R1Zero"/>.</summary>
    public PromptFormat Prompt { get; set; } = PromptFormat.R1Zero;

    /// <summary>Receives each stage's result as soon as it is complete (run or loaded). Default none.</summary>
    public IProgress<RecipeStageResult>? Progress { get; set; }

    /// <summary>A copy whose groups are copies too (the recipe keeps one).</summary>
    public R1RecipeOptions Clone() => new()
    {
        WorkDirectory = WorkDirectory, ColdStart = ColdStart?.Clone(), ReasoningRl = ReasoningRl?.Clone(),
        RejectionSampling = RejectionSampling?.Clone(), AllScenariosRl = AllScenariosRl?.Clone(), Evaluation = Evaluation?.Clone()!,
        Prompt = Prompt, Progress = Progress,
    };

    /// <summary>Checks every value and throws an <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(WorkDirectory))
            throw new ArgumentException("R1RecipeOptions.WorkDirectory must name a folder: the stages checkpoint there.", nameof(WorkDirectory));
        if (ColdStart is null && ReasoningRl is null && RejectionSampling is null && AllScenariosRl is null)
            throw new ArgumentException("R1RecipeOptions: every stage is null; set at least one of ColdStart, ReasoningRl, RejectionSampling, " +
                                        "AllScenariosRl.");
        if (Evaluation is null) throw new ArgumentNullException(nameof(Evaluation), "R1RecipeOptions.Evaluation must not be null.");
        if (Prompt is null) throw new ArgumentNullException(nameof(Prompt), "R1RecipeOptions.Prompt must not be null.");
        // The recipe sets each trainer's checkpoint folder, so a checkpoint interval needs no folder of its own here.
        WithFolder(ColdStart)?.Validate();
        WithFolder(ReasoningRl)?.Validate();
        RejectionSampling?.Validate(WithFolder);
        WithFolder(AllScenariosRl)?.Validate();
        Evaluation.Validate();
    }

    private SftOptions? WithFolder(SftOptions? options)
    {
        var copy = options?.Clone();
        if (copy?.Checkpoints is { } c) c.Directory ??= WorkDirectory;
        return copy;
    }

    private GrpoOptions? WithFolder(GrpoOptions? options)
    {
        var copy = options?.Clone();
        if (copy?.Checkpoints is { } c) c.Directory ??= WorkDirectory;
        return copy;
    }
}
