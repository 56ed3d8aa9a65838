namespace R1.MLNet.Training;

/// <summary>The hyper-parameters of <see cref="GrpoLoss.Compute"/>.</summary>
/// <param name="EpsilonLow">Lower clip range: ρ is clipped below at 1 − ε_low. Paper: 0.2.</param>
/// <param name="EpsilonHigh">Upper clip range: ρ is clipped above at 1 + ε_high. Paper: 0.2 (DAPO's clip-higher: 0.28).</param>
/// <param name="Beta">KL coefficient β. DeepSeekMath: 0.04; 0 disables the reference model.</param>
/// <param name="LossType">The aggregation.</param>
/// <param name="MaxCompletionLength">The constant length <see cref="GrpoLossType.DrGrpo"/> divides by; <see langword="null"/> uses the padded width.</param>
public sealed record GrpoLossSettings(double EpsilonLow = 0.2, double EpsilonHigh = 0.2, double Beta = 0.04,
    GrpoLossType LossType = GrpoLossType.Grpo, int? MaxCompletionLength = null);
