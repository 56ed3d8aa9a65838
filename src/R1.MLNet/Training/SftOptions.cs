using R1.Rollout.Lora;
namespace R1.MLNet.Training;

/// <summary>Every hyper-parameter of <see cref="SftTrainer"/>, with its default; <see cref="Optimizer"/> is the group shared with GRPO.</summary>
public sealed class SftOptions
{
    /// <summary>Passes over the examples. Default 1. Ignored when <see cref="MaxSteps"/> is set.</summary>
    public int Epochs { get; set; } = 1;

    /// <summary>Optimizer steps to run; 0 (default) derives them from <see cref="Epochs"/>.</summary>
    public int MaxSteps { get; set; }

    /// <summary>Examples per forward/backward (micro-batch). Default 16.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Micro-batches whose gradients are summed before each optimizer step. Default 1.</summary>
    public int GradientAccumulationSteps { get; set; } = 1;

    /// <summary>
    /// AdamW and the learning-rate schedule. Default lr 1e-4, 5% linear warm-up then cosine decay to 10% of the peak,
    /// β = (0.9, 0.95), weight decay 0.01, gradient-norm clip 1.0.
    /// </summary>
    public OptimizationOptions Optimizer { get; set; } = new()
    {
        LearningRate = 1e-4, Schedule = LearningRateScheduleKind.Cosine, WarmupRatio = 0.05, MinLearningRateRatio = 0.1,
        Beta2 = 0.95, WeightDecay = 0.01,
    };

    /// <summary>Append the tokenizer's first EOS id to every response, so the model learns to stop. Default <see langword="true"/>.</summary>
    public bool AppendEos { get; set; } = true;

    /// <summary>Seed of the example order (and LoRA dropout). Default <see langword="null"/>: 42, or, for a step made by
    /// <c>mlContext.Reasoning()</c>, a seed drawn from the
    /// <c>MLContext</c>'s own (so <c>new MLContext(seed: n)</c> decides the run).</summary>
    public int? Seed { get; set; }

    /// <summary>The seed in use: <see cref="Seed"/>, else 42.</summary>
    internal int EffectiveSeed => Seed ?? 42;

    /// <summary>Log (and report) every this many steps. Default 10.</summary>
    public int LogEvery { get; set; } = 10;

    /// <summary>Append one JSON line of <see cref="SftStepMetrics"/> per logged step to this file. Default none.</summary>
    public string? MetricsPath { get; set; }

    /// <summary>
    /// Checkpoints and resume, as for GRPO: every <see cref="CheckpointOptions.Every"/> steps and when cancelled; a resumed run
    /// continues bit-exactly like the uninterrupted one. Default none.
    /// </summary>
    public CheckpointOptions Checkpoints { get; set; } = new();

    /// <summary>Receives the metrics of each logged step. Default none.</summary>
    public IProgress<SftStepMetrics>? Progress { get; set; }

    /// <summary>
    /// Low-rank adapters: train only LoRA adapters on the chosen projections, the base frozen. Default <see langword="null"/>: full fine-tuning.
    /// </summary>
    public LoraOptions? Lora { get; set; }

    /// <summary>Precision, gradient checkpointing and the memory budget. Default float32, no checkpointing, no budget.</summary>
    public TrainingMemoryOptions Memory { get; set; } = new();

    /// <summary>A copy whose optimizer and checkpoint groups are copies too.</summary>
    public SftOptions Clone()
    {
        var copy = (SftOptions)MemberwiseClone();
        copy.Optimizer = Optimizer?.Clone()!;
        copy.Checkpoints = Checkpoints?.Clone()!;
        copy.Lora = Lora?.Clone();
        copy.Memory = Memory?.Clone()!;
        return copy;
    }

    /// <summary>Checks every value and throws an <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "SftOptions.Epochs must be at least 1.");
        if (MaxSteps < 0) throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "SftOptions.MaxSteps must not be negative.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "SftOptions.BatchSize must be at least 1.");
        if (GradientAccumulationSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(GradientAccumulationSteps), GradientAccumulationSteps,
                "SftOptions.GradientAccumulationSteps must be at least 1.");
        if (LogEvery < 1) throw new ArgumentOutOfRangeException(nameof(LogEvery), LogEvery, "SftOptions.LogEvery must be at least 1.");
        if (Optimizer is null) throw new ArgumentNullException(nameof(Optimizer), "SftOptions.Optimizer must not be null.");
        Optimizer.Validate(nameof(SftOptions));
        if (Checkpoints is null) throw new ArgumentNullException(nameof(Checkpoints), "SftOptions.Checkpoints must not be null.");
        Checkpoints.Validate(nameof(SftOptions));
        if (Memory is null) throw new ArgumentNullException(nameof(Memory), "SftOptions.Memory must not be null.");
        Memory.Validate(nameof(SftOptions));
        Lora?.Validate("SftOptions.Lora");
    }
}
