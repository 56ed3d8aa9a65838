using R1.Rollout.Lora;
using R1.Rollout.Generation;

namespace R1.MLNet.Training;

/// <summary>
/// Every hyper-parameter of <see cref="GrpoTrainer"/>, in groups: <see cref="Sampling"/> (the rollouts), <see cref="Loss"/> (the objective),
/// <see cref="Optimizer"/> (AdamW and the schedule, as in <see cref="SftOptions"/>), <see cref="Checkpoints"/> and <see cref="Evaluation"/>.
/// Defaults follow DeepSeekMath / DeepSeek-R1 where the papers give a value (ε = 0.2, β = 0.04, temperature 1.0, lr 3e-6) and are
/// CPU-sized where they do not (G = 8 instead of the paper's 16). Every group binds from configuration
/// (<c>configuration.GetSection("Grpo").Bind(options)</c>).
/// </summary>
public sealed class GrpoOptions
{
    /// <summary>Optimizer steps to run (each one samples a fresh batch of prompts). Default 100.</summary>
    public int MaxSteps { get; set; } = 100;

    /// <summary>Prompts per step. Default 8.</summary>
    public int PromptsPerStep { get; set; } = 8;

    /// <summary>G: completions sampled per prompt. The paper uses 16; default 8 keeps a CPU step short.</summary>
    public int NumGenerations { get; set; } = 8;

    /// <summary>
    /// μ: optimisation passes over each sampled batch (π_old stays the sampling policy). Default 1 (then ρ = 1 and clipping is inactive).
    /// </summary>
    public int NumIterations { get; set; } = 1;

    /// <summary>
    /// Micro-batches per optimisation pass: the P×G completions are split into this many forward/backward chunks whose
    /// gradients add up to the full batch's. Default 1.
    /// </summary>
    public int GradientAccumulationSteps { get; set; } = 1;

    /// <summary>
    /// How rollouts are sampled. Default <c>MaxNewTokens</c> 128, temperature 1.0 (the paper), top-p 1.0 (off). Its <c>Seed</c> is not
    /// used: each step's sampling seed derives from <see cref="Seed"/> and the step, so a resumed run samples as the original did.
    /// </summary>
    public SamplingOptions Sampling { get; set; } = new() { MaxNewTokens = 128, Temperature = 1.0, TopP = 1.0 };

    /// <summary>
    /// The objective: ε, β, the aggregation, reward scaling, overlong masking. Default the paper's (see <see cref="GrpoLossSettings"/>).
    /// </summary>
    public GrpoLossSettings Loss { get; set; } = new();

    /// <summary>
    /// AdamW and the learning-rate schedule. Default lr 3e-6 (DeepSeek-R1; tiny models trained from scratch want ~1e-4), constant
    /// (TRL's GRPO default), no warm-up, β = (0.9, 0.99), no weight decay, gradient-norm clip 1.0.
    /// </summary>
    public OptimizationOptions Optimizer { get; set; } = new() { LearningRate = 3e-6, Beta2 = 0.99 };

    /// <summary>Checkpoint folder, interval and resume point. Default none.</summary>
    public CheckpointOptions Checkpoints { get; set; } = new();

    /// <summary>Held-out evaluation during training (when held-out examples are given). Default only at the end, on all of them.</summary>
    public PeriodicEvaluationOptions Evaluation { get; set; } = new();

    /// <summary>
    /// The rewards whose score counts as correctness for the accuracy metrics (score ≥ 1), in order: for each completion the first of
    /// them that applies to it decides (with routing by task type, <c>math</c> decides math rows and <c>judge</c> general rows); a
    /// completion none of them applies to is not correct. If the pipeline has none of these rewards, accuracy is the fraction with
    /// total reward &gt; 0. Default <see langword="null"/>: <c>math</c>, <c>code</c>, <c>judge</c>
    /// (<see cref="ReasoningEvaluator.DefaultAccuracyRewards"/>). (Null rather than a pre-filled array, because configuration binding
    /// appends to a pre-filled array instead of replacing it.)
    /// </summary>
    public string[]? AccuracyRewards { get; set; }

    /// <summary>
    /// Random seed: prompt order, sampling and initial state. The same seed gives the same run. Default <see langword="null"/>: 42, or, for a
    /// step made by <c>mlContext.Reasoning()</c>, a seed drawn from the
    /// <c>MLContext</c>'s own (so <c>new MLContext(seed: n)</c> decides the run).
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>The seed in use: <see cref="Seed"/>, else 42.</summary>
    internal int EffectiveSeed => Seed ?? 42;

    /// <summary>Append one JSON line of <see cref="GrpoStepMetrics"/> per step to this file. Default none.</summary>
    public string? MetricsPath { get; set; }

    /// <summary>Receives each step's metrics (for a console progress bar). Default none.</summary>
    public IProgress<GrpoStepMetrics>? Progress { get; set; }

    /// <summary>
    /// Low-rank adapters: train only LoRA adapters on the chosen projections, the base frozen; the GRPO reference is then the base
    /// with the adapters switched off (no second copy of the model). Default <see langword="null"/>: full fine-tuning.
    /// </summary>
    public LoraOptions? Lora { get; set; }

    /// <summary>
    /// Where rollouts are generated (this process, or a remote engine with weight sync, π_old choice and overlap). Default in this process.
    /// </summary>
    public RolloutOptions Rollout { get; set; } = new();

    /// <summary>Precision, gradient checkpointing and the memory budget. Default float32, no checkpointing, no budget.</summary>
    public TrainingMemoryOptions Memory { get; set; } = new();

    /// <summary>A copy whose groups are copies too (the trainer keeps one, so later changes to these options do not reach it).</summary>
    public GrpoOptions Clone()
    {
        var copy = (GrpoOptions)MemberwiseClone();
        copy.Sampling = Sampling?.Clone()!;
        copy.Loss = Loss?.Clone()!;
        copy.Optimizer = Optimizer?.Clone()!;
        copy.Checkpoints = Checkpoints?.Clone()!;
        copy.Lora = Lora?.Clone();
        copy.Memory = Memory?.Clone()!;
        copy.Rollout = Rollout?.Clone()!;
        copy.Evaluation = Evaluation?.Clone()!;
        copy.AccuracyRewards = AccuracyRewards is null ? null : [.. AccuracyRewards];
        return copy;
    }

    /// <summary>Checks every value and throws an <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (AccuracyRewards is not null && (AccuracyRewards.Length == 0 || AccuracyRewards.Any(string.IsNullOrWhiteSpace)))
            throw new ArgumentException("GrpoOptions.AccuracyRewards must name at least one reward, with no empty name.", nameof(AccuracyRewards));
        static void Positive(int v, string name)
        {
            if (v < 1) throw new ArgumentOutOfRangeException(name, v, $"GrpoOptions.{name} must be at least 1.");
        }
        Positive(MaxSteps, nameof(MaxSteps));
        Positive(PromptsPerStep, nameof(PromptsPerStep));
        Positive(NumIterations, nameof(NumIterations));
        Positive(GradientAccumulationSteps, nameof(GradientAccumulationSteps));
        if (NumGenerations < 2)
            throw new ArgumentOutOfRangeException(nameof(NumGenerations), NumGenerations,
                "GrpoOptions.NumGenerations must be at least 2: advantages compare completions within a group.");
        if (PromptsPerStep * NumGenerations % GradientAccumulationSteps != 0)
            throw new ArgumentException($"GrpoOptions.GradientAccumulationSteps ({GradientAccumulationSteps}) must divide " +
                                        $"PromptsPerStep × NumGenerations ({PromptsPerStep * NumGenerations}).");
        foreach (var (group, value) in new (string, object?)[]
                 {
                     (nameof(Sampling), Sampling), (nameof(Loss), Loss), (nameof(Optimizer), Optimizer),
                     (nameof(Checkpoints), Checkpoints), (nameof(Evaluation), Evaluation), (nameof(Rollout), Rollout),
                 })
            if (value is null) throw new ArgumentNullException(group, $"GrpoOptions.{group} must not be null.");
        SamplingChecks.Validate(Sampling, "GrpoOptions.Sampling");
        if (Sampling.IsGreedy)
            throw new ArgumentException("GrpoOptions.Sampling must sample (temperature > 0, Greedy off): G greedy completions are identical.");
        Loss.Validate(nameof(GrpoOptions));
        Optimizer.Validate(nameof(GrpoOptions));
        Checkpoints.Validate(nameof(GrpoOptions));
        Evaluation.Validate(nameof(GrpoOptions));
        Rollout.Validate(nameof(GrpoOptions));
        if (Memory is null) throw new ArgumentNullException(nameof(Memory), "GrpoOptions.Memory must not be null.");
        Memory.Validate(nameof(GrpoOptions));
        Lora?.Validate("GrpoOptions.Lora");
    }
}
