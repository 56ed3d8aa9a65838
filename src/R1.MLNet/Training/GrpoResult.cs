namespace R1.MLNet.Training;

/// <summary>What a <see cref="GrpoTrainer.Train"/> run did.</summary>
/// <param name="History">Metrics of every step run in this call (a resumed run starts after the checkpoint's step).</param>
/// <param name="StepsCompleted">Optimizer steps completed in total, including those before a resume.</param>
/// <param name="Cancelled">Whether the run stopped early because cancellation was requested.</param>
/// <param name="LastCheckpoint">The newest checkpoint folder written, if any.</param>
/// <param name="FinalEvaluation">Held-out accuracy at the end, when an evaluation set was given.</param>
public sealed record GrpoResult(IReadOnlyList<GrpoStepMetrics> History, int StepsCompleted, bool Cancelled, string? LastCheckpoint,
    EvaluationResult? FinalEvaluation)
{
    /// <summary>Generation seconds hidden behind learning over this call's steps (<see cref="RolloutOptions.Overlap"/>; 0 without it).</summary>
    public double TotalRolloutOverlapSeconds => History.Sum(m => m.RolloutOverlapSeconds);

    /// <summary>Seconds spent pushing weights to a remote rollout engine over this call's steps.</summary>
    public double TotalSyncSeconds => History.Sum(m => m.SyncSeconds);
}
