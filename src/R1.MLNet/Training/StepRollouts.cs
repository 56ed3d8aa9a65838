namespace R1.MLNet.Training;

/// <summary>One step's rollouts with how they were obtained.</summary>
/// <param name="Completions">The P×G completions, prompt-major (completion g of prompt i at <c>i·G + g</c>).</param>
/// <param name="Remote">Whether a remote engine sampled them (its log-probs are then the sampling weights', not this process's).</param>
/// <param name="PolicyLag">Optimisation steps between the weights that sampled and the weights being trained.</param>
/// <param name="SyncSeconds">Seconds spent pushing weights to the engine before this step's rollouts.</param>
/// <param name="WaitSeconds">Seconds the step waited for its rollouts.</param>
/// <param name="OverlapSeconds">Generation seconds hidden behind the previous step's scoring and learning.</param>
internal sealed record StepRollouts(IReadOnlyList<SampledCompletion> Completions, bool Remote, int PolicyLag, double SyncSeconds,
    double WaitSeconds, double OverlapSeconds);
