namespace R1.MLNet.Training;

/// <summary>
/// The objective's hyper-parameters: the <c>Loss</c> group of <see cref="GrpoOptions"/>, and the settings of
/// <see cref="GrpoLoss.Compute"/> and <see cref="GrpoLoss.Advantages"/>. Defaults follow DeepSeekMath / DeepSeek-R1.
/// </summary>
public sealed class GrpoLossSettings
{
    /// <summary>The paper's settings: ε = 0.2, β = 0.04, per-sequence mean, rewards scaled by the group's std.</summary>
    public GrpoLossSettings() { }

    /// <summary>Settings with the given values (the others keep their defaults).</summary>
    /// <param name="EpsilonLow">See <see cref="EpsilonLow"/>.</param>
    /// <param name="EpsilonHigh">See <see cref="EpsilonHigh"/>.</param>
    /// <param name="Beta">See <see cref="Beta"/>.</param>
    /// <param name="LossType">See <see cref="LossType"/>.</param>
    /// <param name="MaxCompletionLength">See <see cref="MaxCompletionLength"/>.</param>
    public GrpoLossSettings(double EpsilonLow = 0.2, double? EpsilonHigh = null, double Beta = 0.04, GrpoLossType LossType = GrpoLossType.Grpo,
        int? MaxCompletionLength = null)
    {
        this.EpsilonLow = EpsilonLow;
        this.EpsilonHigh = EpsilonHigh;
        this.Beta = Beta;
        this.LossType = LossType;
        this.MaxCompletionLength = MaxCompletionLength;
    }

    /// <summary>Lower clip range ε: ρ is clipped below at 1 − ε. Default 0.2 (the paper, TRL).</summary>
    public double EpsilonLow { get; set; } = 0.2;

    /// <summary>
    /// Upper clip range: ρ ≤ 1 + ε_high; <see langword="null"/> (default) uses <see cref="EpsilonLow"/>. DAPO's clip-higher uses 0.28.
    /// </summary>
    public double? EpsilonHigh { get; set; }

    /// <summary>β: weight of the k3 KL penalty to the frozen reference. Default 0.04 (DeepSeekMath); 0 skips the reference model.</summary>
    public double Beta { get; set; } = 0.04;

    /// <summary>Loss aggregation. Default <see cref="GrpoLossType.Grpo"/> (per-sequence mean, the paper).</summary>
    public GrpoLossType LossType { get; set; } = GrpoLossType.Grpo;

    /// <summary>Divide advantages by the group's standard deviation. Default <see langword="true"/> (the paper; Dr. GRPO turns it off).</summary>
    public bool ScaleRewards { get; set; } = true;

    /// <summary>Exclude completions cut off at the token limit from the loss (DAPO's overlong masking). Default <see langword="false"/>.</summary>
    public bool MaskTruncatedCompletions { get; set; }

    /// <summary>
    /// The constant length <see cref="GrpoLossType.DrGrpo"/> divides by. Default <see langword="null"/>: the trainer uses the
    /// rollouts' <c>MaxNewTokens</c>; <see cref="GrpoLoss.Compute"/> alone uses the padded width.
    /// </summary>
    public int? MaxCompletionLength { get; set; }

    /// <summary>The effective upper clip range.</summary>
    internal double ResolvedEpsilonHigh => EpsilonHigh ?? EpsilonLow;

    /// <summary>A copy.</summary>
    public GrpoLossSettings Clone() => (GrpoLossSettings)MemberwiseClone();

    internal void Validate(string owner)
    {
        if (EpsilonLow is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(EpsilonLow), EpsilonLow, $"{owner}.Loss.EpsilonLow must be in (0, 1).");
        if (EpsilonHigh is <= 0)
            throw new ArgumentOutOfRangeException(nameof(EpsilonHigh), EpsilonHigh, $"{owner}.Loss.EpsilonHigh must be positive.");
        if (Beta < 0 || !double.IsFinite(Beta))
            throw new ArgumentOutOfRangeException(nameof(Beta), Beta, $"{owner}.Loss.Beta must be finite and non-negative.");
        if (!Enum.IsDefined(LossType))
            throw new ArgumentOutOfRangeException(nameof(LossType), LossType, $"{owner}.Loss.LossType is not a known loss type.");
        if (MaxCompletionLength is < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxCompletionLength), MaxCompletionLength,
                $"{owner}.Loss.MaxCompletionLength must be positive.");
    }
}
