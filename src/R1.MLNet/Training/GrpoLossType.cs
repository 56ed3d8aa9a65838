namespace R1.MLNet.Training;

/// <summary>How the per-token GRPO objective is aggregated into one loss.</summary>
public enum GrpoLossType
{
    /// <summary>DeepSeekMath/R1: mean over each completion's own tokens, then mean over completions.</summary>
    Grpo,

    /// <summary>DAPO: token-level mean, the sum over all completion tokens divided by their count.</summary>
    Dapo,

    /// <summary>Dr. GRPO: the sum over all completion tokens divided by (completions × maximum completion length), a constant.</summary>
    DrGrpo,
}
