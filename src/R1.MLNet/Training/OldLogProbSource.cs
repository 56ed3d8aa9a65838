namespace R1.MLNet.Training;

/// <summary>Where GRPO takes π_old, the log-probs of the sampling policy in the clipped ratio, from when rollouts run on a remote engine.</summary>
public enum OldLogProbSource
{
    /// <summary>
    /// <see cref="Engine"/> when <see cref="GrpoOptions.Sampling"/>'s temperature is 1, else <see cref="Local"/>: the trainer scores
    /// at temperature T and servers report the model's own distribution (T = 1).
    /// </summary>
    Auto,

    /// <summary>The per-token log-probs the engine reported with each sample (the weights that sampled; no extra forward pass here).</summary>
    Engine,

    /// <summary>Re-scored in this process with the current weights before learning (as the in-process path does for μ &gt; 1).</summary>
    Local,
}
