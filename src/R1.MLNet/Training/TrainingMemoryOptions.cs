namespace R1.MLNet.Training;

/// <summary>
/// How a trainer fits a model into memory: the precision, gradient checkpointing, and a budget the memory planner checks before
/// the run starts. Shared by <see cref="SftOptions"/> and <see cref="GrpoOptions"/>.
/// </summary>
public sealed class TrainingMemoryOptions
{
    /// <summary>The number format of forward and backward. Default <see cref="TrainingPrecision.Float32"/>.</summary>
    public TrainingPrecision Precision { get; set; } = TrainingPrecision.Float32;

    /// <summary>
    /// Recompute each decoder layer's activations in the backward pass instead of keeping them (less memory, about one more forward
    /// of compute). Default <see langword="false"/>.
    /// </summary>
    public bool GradientCheckpointing { get; set; }

    /// <summary>
    /// Peak memory the run may use, in GiB. Before the first step the memory planner estimates the peak from the config, the batch,
    /// the sequence length and these options; above the budget the run fails at once with the estimate and the options that would fit.
    /// Default <see langword="null"/>: no check (the estimate is still logged).
    /// </summary>
    public double? BudgetGiB { get; set; }

    /// <summary>A copy.</summary>
    public TrainingMemoryOptions Clone() => (TrainingMemoryOptions)MemberwiseClone();

    /// <summary>Checks every value and throws an <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate(string owner)
    {
        if (!Enum.IsDefined(Precision))
            throw new ArgumentOutOfRangeException(nameof(Precision), Precision, $"{owner}.Memory.Precision is not a known precision.");
        if (BudgetGiB is { } b && !(b > 0 && double.IsFinite(b)))
            throw new ArgumentOutOfRangeException(nameof(BudgetGiB), b, $"{owner}.Memory.BudgetGiB must be positive and finite.");
    }
}
