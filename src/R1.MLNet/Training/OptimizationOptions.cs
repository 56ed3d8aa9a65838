namespace R1.MLNet.Training;

/// <summary>
/// AdamW (TorchSharp's <c>torch.optim.AdamW</c>) and its learning-rate schedule, shared by <see cref="SftOptions"/> and
/// <see cref="GrpoOptions"/>. The defaults here are PyTorch's; each trainer's options start from its own documented defaults.
/// </summary>
public sealed class OptimizationOptions
{
    /// <summary>Peak learning rate. Default 1e-4.</summary>
    public double LearningRate { get; set; } = 1e-4;

    /// <summary>The shape after warm-up. Default <see cref="LearningRateScheduleKind.Constant"/>.</summary>
    public LearningRateScheduleKind Schedule { get; set; } = LearningRateScheduleKind.Constant;

    /// <summary>Linear warm-up steps; when 0, <see cref="WarmupRatio"/> decides. Default 0.</summary>
    public int WarmupSteps { get; set; }

    /// <summary>Fraction of the run used for linear warm-up when <see cref="WarmupSteps"/> is 0. Default 0.</summary>
    public double WarmupRatio { get; set; }

    /// <summary>The learning rate at the end of a cosine or linear decay, as a fraction of the peak. Default 0.</summary>
    public double MinLearningRateRatio { get; set; }

    /// <summary>AdamW β₁. Default 0.9.</summary>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>AdamW β₂. Default 0.999.</summary>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>AdamW ε. Default 1e-8.</summary>
    public double Epsilon { get; set; } = 1e-8;

    /// <summary>Decoupled weight decay. Default 0.</summary>
    public double WeightDecay { get; set; }

    /// <summary>Global gradient-norm clip; 0 disables. Default 1.0.</summary>
    public double MaxGradNorm { get; set; } = 1.0;

    /// <summary>A copy.</summary>
    public OptimizationOptions Clone() => (OptimizationOptions)MemberwiseClone();

    /// <summary>Warm-up steps of a run of <paramref name="totalSteps"/>.</summary>
    internal int Warmup(int totalSteps) => WarmupSteps > 0 ? WarmupSteps : (int)(WarmupRatio * totalSteps);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad value as <c>{owner}.Optimizer.{name}</c>.</summary>
    internal void Validate(string owner)
    {
        string Name(string property) => $"{owner}.Optimizer.{property}";
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"{Name(nameof(LearningRate))} must be positive.");
        if (!Enum.IsDefined(Schedule))
            throw new ArgumentOutOfRangeException(nameof(Schedule), Schedule, $"{Name(nameof(Schedule))} is not a known schedule.");
        if (WarmupSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, $"{Name(nameof(WarmupSteps))} must not be negative.");
        if (WarmupRatio is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(WarmupRatio), WarmupRatio, $"{Name(nameof(WarmupRatio))} must be in [0, 1).");
        if (MinLearningRateRatio is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(MinLearningRateRatio), MinLearningRateRatio,
                $"{Name(nameof(MinLearningRateRatio))} must be in [0, 1].");
        if (Beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, $"{Name(nameof(Beta1))} must be in [0, 1).");
        if (Beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, $"{Name(nameof(Beta2))} must be in [0, 1).");
        if (!(Epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, $"{Name(nameof(Epsilon))} must be positive.");
        if (WeightDecay < 0 || !double.IsFinite(WeightDecay))
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, $"{Name(nameof(WeightDecay))} must be finite and non-negative.");
        if (MaxGradNorm < 0 || !double.IsFinite(MaxGradNorm))
            throw new ArgumentOutOfRangeException(nameof(MaxGradNorm), MaxGradNorm, $"{Name(nameof(MaxGradNorm))} must be finite and non-negative.");
    }
}
