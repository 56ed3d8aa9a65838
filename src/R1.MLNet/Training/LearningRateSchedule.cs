namespace R1.MLNet.Training;

/// <summary>The learning-rate shape over training.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>Linear warm-up, then constant (TRL's GRPO default is constant).</summary>
    Constant,

    /// <summary>Linear warm-up, then cosine decay to <c>MinLearningRateRatio × lr</c> at the last step.</summary>
    Cosine,

    /// <summary>Linear warm-up, then linear decay to <c>MinLearningRateRatio × lr</c> at the last step.</summary>
    Linear,
}

/// <summary>The learning-rate multiplier of an optimizer step (the <c>lr_lambda</c> of TorchSharp's <c>LambdaLR</c>).</summary>
internal static class LearningRateSchedule
{
    /// <summary>The multiplier of the peak learning rate for update <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>.</summary>
    public static double Factor(LearningRateScheduleKind kind, int step, int totalSteps, int warmupSteps, double minRatio = 0.0)
    {
        if (warmupSteps > 0 && step < warmupSteps) return (step + 1) / (double)warmupSteps;
        int decaySteps = Math.Max(1, totalSteps - warmupSteps);
        double progress = Math.Clamp((double)(step - warmupSteps) / decaySteps, 0, 1);
        return kind switch
        {
            LearningRateScheduleKind.Constant => 1.0,
            LearningRateScheduleKind.Cosine => minRatio + (1 - minRatio) * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            LearningRateScheduleKind.Linear => minRatio + (1 - minRatio) * (1 - progress),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown learning-rate schedule."),
        };
    }
}
