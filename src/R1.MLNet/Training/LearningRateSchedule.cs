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

/// <summary>Computes the learning rate of an optimizer step.</summary>
public static class LearningRateSchedule
{
    /// <summary>The learning rate for update <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>.</summary>
    public static double At(LearningRateScheduleKind kind, double peak, int step, int totalSteps, int warmupSteps, double minRatio = 0.0)
    {
        if (warmupSteps > 0 && step < warmupSteps) return peak * (step + 1) / warmupSteps;
        int decaySteps = Math.Max(1, totalSteps - warmupSteps);
        double progress = Math.Clamp((double)(step - warmupSteps) / decaySteps, 0, 1);
        double floor = peak * minRatio;
        return kind switch
        {
            LearningRateScheduleKind.Constant => peak,
            LearningRateScheduleKind.Cosine => floor + (peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            LearningRateScheduleKind.Linear => floor + (peak - floor) * (1 - progress),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown learning-rate schedule."),
        };
    }
}
