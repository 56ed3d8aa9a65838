namespace R1.MLNet.Training;

/// <summary>Every hyper-parameter of <see cref="SftTrainer"/>, with its default.</summary>
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

    /// <summary>Peak learning rate. Default 1e-4.</summary>
    public double LearningRate { get; set; } = 1e-4;

    /// <summary>Schedule after warm-up. Default cosine.</summary>
    public LearningRateScheduleKind LearningRateSchedule { get; set; } = LearningRateScheduleKind.Cosine;

    /// <summary>Fraction of the steps used for linear warm-up. Default 0.05.</summary>
    public double WarmupRatio { get; set; } = 0.05;

    /// <summary>The learning rate at the end of the decay, as a fraction of the peak. Default 0.1.</summary>
    public double MinLearningRateRatio { get; set; } = 0.1;

    /// <summary>AdamWOptimizer β₁. Default 0.9.</summary>
    public double AdamBeta1 { get; set; } = 0.9;

    /// <summary>AdamWOptimizer β₂. Default 0.95.</summary>
    public double AdamBeta2 { get; set; } = 0.95;

    /// <summary>AdamWOptimizer decoupled weight decay. Default 0.01.</summary>
    public double WeightDecay { get; set; } = 0.01;

    /// <summary>Global gradient-norm clip; 0 disables. Default 1.0.</summary>
    public double MaxGradNorm { get; set; } = 1.0;

    /// <summary>Turns a prompt into model input text; <see langword="null"/> (default) uses the R1-Zero template, <c>p =&gt; p</c> uses prompts verbatim.</summary>
    public Func<string, string>? PromptFormatter { get; set; }

    /// <summary>Append the tokenizer's first EOS id to every response, so the model learns to stop. Default <see langword="true"/>.</summary>
    public bool AppendEos { get; set; } = true;

    /// <summary>Seed of the example order. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Log (and report) every this many steps. Default 10.</summary>
    public int LogEvery { get; set; } = 10;

    /// <summary>Append one JSON line of <see cref="SftStepMetrics"/> per logged step to this file. Default none.</summary>
    public string? MetricsPath { get; set; }

    /// <summary>Receives the metrics of each logged step. Default none.</summary>
    public IProgress<SftStepMetrics>? Progress { get; set; }

    /// <summary>Checks every value and throws an <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "SftOptions.Epochs must be at least 1.");
        if (MaxSteps < 0) throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "SftOptions.MaxSteps must not be negative.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "SftOptions.BatchSize must be at least 1.");
        if (GradientAccumulationSteps < 1) throw new ArgumentOutOfRangeException(nameof(GradientAccumulationSteps), GradientAccumulationSteps, "SftOptions.GradientAccumulationSteps must be at least 1.");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "SftOptions.LearningRate must be positive.");
        if (WarmupRatio is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(WarmupRatio), WarmupRatio, "SftOptions.WarmupRatio must be in [0, 1).");
        if (MinLearningRateRatio is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(MinLearningRateRatio), MinLearningRateRatio, "SftOptions.MinLearningRateRatio must be in [0, 1].");
        if (LogEvery < 1) throw new ArgumentOutOfRangeException(nameof(LogEvery), LogEvery, "SftOptions.LogEvery must be at least 1.");
    }
}
