namespace R1.MLNet.Training;

/// <summary>
/// Every hyper-parameter of <see cref="GrpoTrainer"/>. Defaults follow DeepSeekMath / DeepSeek-R1 where the papers give a value
/// (ε = 0.2, β = 0.04, temperature 1.0) and are CPU-sized where they do not (G = 8 instead of the paper's 16).
/// </summary>
public sealed class GrpoOptions
{
    /// <summary>Optimizer steps to run (each one samples a fresh batch of prompts). Default 100.</summary>
    public int MaxSteps { get; set; } = 100;

    /// <summary>Prompts per step. Default 8.</summary>
    public int PromptsPerStep { get; set; } = 8;

    /// <summary>G: completions sampled per prompt. The paper uses 16; default 8 keeps a CPU step short.</summary>
    public int NumGenerations { get; set; } = 8;

    /// <summary>μ: optimisation passes over each sampled batch (π_old stays the sampling policy). Default 1 (then ρ = 1 and clipping is inactive).</summary>
    public int NumIterations { get; set; } = 1;

    /// <summary>Lower clip range ε (ρ ≥ 1 − ε). Default 0.2 (the paper, TRL).</summary>
    public double Epsilon { get; set; } = 0.2;

    /// <summary>Upper clip range (ρ ≤ 1 + ε_high); <see langword="null"/> uses <see cref="Epsilon"/>. DAPO's clip-higher uses 0.28.</summary>
    public double? EpsilonHigh { get; set; }

    /// <summary>β: weight of the k3 KL penalty to the frozen reference. Default 0.04 (DeepSeekMath); 0 skips the reference model.</summary>
    public double Beta { get; set; } = 0.04;

    /// <summary>Loss aggregation. Default <see cref="GrpoLossType.Grpo"/> (per-sequence mean, the paper).</summary>
    public GrpoLossType LossType { get; set; } = GrpoLossType.Grpo;

    /// <summary>Divide advantages by the group's standard deviation. Default <see langword="true"/> (the paper; Dr. GRPO turns it off).</summary>
    public bool ScaleRewards { get; set; } = true;

    /// <summary>Exclude completions cut off at <see cref="MaxCompletionLength"/> from the loss (DAPO's overlong masking). Default <see langword="false"/>.</summary>
    public bool MaskTruncatedCompletions { get; set; }

    /// <summary>Maximum generated tokens per completion. Default 128.</summary>
    public int MaxCompletionLength { get; set; } = 128;

    /// <summary>Sampling temperature for rollouts. Default 1.0 (the paper).</summary>
    public double Temperature { get; set; } = 1.0;

    /// <summary>Nucleus sampling threshold for rollouts. Default 1.0 (off).</summary>
    public double TopP { get; set; } = 1.0;

    /// <summary>Peak learning rate. Default 3e-6 (DeepSeek-R1); tiny models trained from scratch want ~1e-4.</summary>
    public double LearningRate { get; set; } = 3e-6;

    /// <summary>Learning-rate schedule after warm-up. Default constant (TRL's GRPO default).</summary>
    public LearningRateScheduleKind LearningRateSchedule { get; set; } = LearningRateScheduleKind.Constant;

    /// <summary>Linear warm-up steps. Default 0.</summary>
    public int WarmupSteps { get; set; }

    /// <summary>AdamWOptimizer β₁. Default 0.9.</summary>
    public double AdamBeta1 { get; set; } = 0.9;

    /// <summary>AdamWOptimizer β₂. Default 0.99.</summary>
    public double AdamBeta2 { get; set; } = 0.99;

    /// <summary>AdamWOptimizer decoupled weight decay. Default 0.</summary>
    public double WeightDecay { get; set; }

    /// <summary>Global gradient-norm clip; 0 disables. Default 1.0.</summary>
    public double MaxGradNorm { get; set; } = 1.0;

    /// <summary>Micro-batches per optimisation pass: the P×G completions are split into this many forward/backward chunks whose gradients add up to the full batch's. Default 1.</summary>
    public int GradientAccumulationSteps { get; set; } = 1;

    /// <summary>Turns a user prompt into the model's input text. <see langword="null"/> (default) uses the R1-Zero template.</summary>
    public Func<string, string>? PromptFormatter { get; set; }

    /// <summary>Text appended after the formatted prompt to start the completion (the R1-Zero template's <c>&lt;think&gt;</c> prefill). Default empty.</summary>
    public string CompletionPrefix { get; set; } = "";

    /// <summary>The reward whose score counts as correctness for the accuracy metric (score ≥ 1). Default <c>math</c>; if absent, accuracy is the fraction with total reward &gt; 0.</summary>
    public string AccuracyReward { get; set; } = "math";

    /// <summary>Random seed: prompt order, sampling and initial state. The same seed gives the same run. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Evaluate on the held-out set every this many steps (and at the end); 0 only at the end. Default 0.</summary>
    public int EvalEvery { get; set; }

    /// <summary>Held-out examples used per evaluation; 0 uses all. Default 0.</summary>
    public int EvalMaxExamples { get; set; }

    /// <summary>Write a checkpoint every this many steps (and when stopping); 0 disables. Needs <see cref="CheckpointDirectory"/>. Default 0.</summary>
    public int CheckpointEvery { get; set; }

    /// <summary>Folder for checkpoints (<c>step-000040/</c>, written atomically). Default none.</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Resume from this checkpoint folder, or from the newest in <see cref="CheckpointDirectory"/> when set to <c>latest</c>. Default none.</summary>
    public string? ResumeFrom { get; set; }

    /// <summary>Append one JSON line of <see cref="GrpoStepMetrics"/> per step to this file. Default none.</summary>
    public string? MetricsPath { get; set; }

    /// <summary>Receives each step's metrics (for a console progress bar). Default none.</summary>
    public IProgress<GrpoStepMetrics>? Progress { get; set; }

    /// <summary>Checks every value and throws an <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        static void Positive(int v, string name) { if (v < 1) throw new ArgumentOutOfRangeException(name, v, $"GrpoOptions.{name} must be at least 1."); }
        Positive(MaxSteps, nameof(MaxSteps));
        Positive(PromptsPerStep, nameof(PromptsPerStep));
        Positive(NumIterations, nameof(NumIterations));
        Positive(MaxCompletionLength, nameof(MaxCompletionLength));
        Positive(GradientAccumulationSteps, nameof(GradientAccumulationSteps));
        if (NumGenerations < 2) throw new ArgumentOutOfRangeException(nameof(NumGenerations), NumGenerations, "GrpoOptions.NumGenerations must be at least 2: advantages compare completions within a group.");
        if ((PromptsPerStep * NumGenerations) % GradientAccumulationSteps != 0)
            throw new ArgumentException($"GrpoOptions.GradientAccumulationSteps ({GradientAccumulationSteps}) must divide PromptsPerStep × NumGenerations ({PromptsPerStep * NumGenerations}).");
        if (Epsilon is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "GrpoOptions.Epsilon must be in (0, 1).");
        if (EpsilonHigh is <= 0) throw new ArgumentOutOfRangeException(nameof(EpsilonHigh), EpsilonHigh, "GrpoOptions.EpsilonHigh must be positive.");
        if (Beta < 0 || !double.IsFinite(Beta)) throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "GrpoOptions.Beta must be finite and non-negative.");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "GrpoOptions.LearningRate must be positive.");
        if (!(Temperature > 0)) throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "GrpoOptions.Temperature must be positive.");
        if (TopP is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "GrpoOptions.TopP must be in (0, 1].");
        if (CheckpointEvery > 0 && string.IsNullOrWhiteSpace(CheckpointDirectory))
            throw new ArgumentException("GrpoOptions.CheckpointEvery is set but CheckpointDirectory is not.");
        if (ResumeFrom == "latest" && string.IsNullOrWhiteSpace(CheckpointDirectory))
            throw new ArgumentException("GrpoOptions.ResumeFrom = \"latest\" needs CheckpointDirectory.");
    }

    internal GrpoLossSettings LossSettings() => new(Epsilon, EpsilonHigh ?? Epsilon, Beta, LossType, MaxCompletionLength);
}
