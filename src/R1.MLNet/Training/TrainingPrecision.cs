namespace R1.MLNet.Training;

/// <summary>The number format a trainer computes in.</summary>
public enum TrainingPrecision
{
    /// <summary>Everything in float32 (the policy's dtype must be float32).</summary>
    Float32,

    /// <summary>
    /// bf16 mixed precision: forward and backward in bfloat16, fp32 master weights and fp32 optimizer state; the loss, log-probs and the
    /// KL stay float32. Under LoRA the frozen base stays bf16 and only the adapters have fp32 masters.
    /// </summary>
    BFloat16Mixed,
}
