using R1.Rollout.Engines;

namespace R1.MLNet.Training;

/// <summary>
/// Where GRPO's rollouts are generated and how the trained weights reach the engine: <see cref="GrpoOptions.Rollout"/>. Default: in this
/// process, exactly as without these options.
/// </summary>
public sealed class RolloutOptions
{
    /// <summary>
    /// The engine that samples. <see langword="null"/> (default) or an <see cref="InProcessRolloutEngine"/>: in this process, on the policy
    /// being trained. A remote engine (e.g. <see cref="OpenAiCompatibleRolloutEngine"/>) is validated before step 1 and gets the weights
    /// pushed (LoRA: <see cref="ILoraRolloutEngine"/>; full fine-tuning: <see cref="ReloadFullWeights"/>). Not owned by the trainer.
    /// </summary>
    public IRolloutEngine? Engine { get; set; }

    /// <summary>
    /// Push the weights to a remote engine every this many optimisation steps (the off-policy lag: up to <c>SyncEvery − 1</c> steps).
    /// At least 1. Default 1.
    /// </summary>
    public int SyncEvery { get; set; } = 1;

    /// <summary>
    /// A folder the engine's servers can read, where each push writes <c>step-N</c> (the adapter, or the full model); older ones are
    /// removed as they are retired, the newest is kept. Default <see langword="null"/>: a fresh temporary folder, deleted at the end.
    /// </summary>
    public string? SyncDirectory { get; set; }

    /// <summary>Where π_old comes from with a remote engine. Default <see cref="OldLogProbSource.Auto"/>. The in-process path ignores it.</summary>
    public OldLogProbSource OldLogProbs { get; set; } = OldLogProbSource.Auto;

    /// <summary>
    /// Generate step n+1's rollouts on the engine while step n scores and learns (one more step off-policy, as TRL's and verl's async
    /// modes). Needs a remote engine: an in-process engine samples with the very model being trained. Default false.
    /// </summary>
    public bool Overlap { get; set; }

    /// <summary>
    /// Full fine-tuning with a remote engine: at each push the trainer saves the policy as a Hugging Face folder under
    /// <see cref="SyncDirectory"/> and calls this with it (e.g. restart the servers on that folder, serving the same model id); the time
    /// counts as <see cref="GrpoStepMetrics.SyncSeconds"/>. Required for a remote engine without LoRA. Default <see langword="null"/>.
    /// </summary>
    public Func<string, CancellationToken, Task>? ReloadFullWeights { get; set; }

    /// <summary>Whether rollouts run on an engine other than this process's (the one that needs validation, weight pushes and lag).</summary>
    internal bool IsRemote => Engine is not null and not InProcessRolloutEngine;

    /// <summary>A copy (the engine and the hook are shared, not copied).</summary>
    public RolloutOptions Clone() => (RolloutOptions)MemberwiseClone();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad value.</summary>
    /// <param name="owner">The options' owner, for the message (e.g. <c>GrpoOptions</c>).</param>
    public void Validate(string owner)
    {
        if (SyncEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(SyncEvery), SyncEvery, $"{owner}.Rollout.SyncEvery must be at least 1.");
        if (!Enum.IsDefined(OldLogProbs))
            throw new ArgumentOutOfRangeException(nameof(OldLogProbs), OldLogProbs, $"{owner}.Rollout.OldLogProbs is not a known source.");
        if (Overlap && !IsRemote)
            throw new ArgumentException($"{owner}.Rollout.Overlap needs a remote Rollout.Engine: an in-process engine samples with the model " +
                                        "being trained, so generation cannot run while it learns. Set Rollout.Engine to a remote engine " +
                                        "or turn Overlap off.", nameof(Overlap));
    }
}
