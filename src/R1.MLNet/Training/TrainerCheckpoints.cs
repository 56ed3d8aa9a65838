using Microsoft.Extensions.Logging;
using R1.Rollout;

namespace R1.MLNet.Training;

/// <summary>
/// One run's checkpointing, shared by <see cref="GrpoTrainer"/> and <see cref="SftTrainer"/>: resume (from a folder, or the
/// newest complete one, skipping damaged or partial ones with a warning), writes with retention, clean-up of interrupted
/// writes, and the frozen reference stored once per run.
/// </summary>
internal sealed class TrainerCheckpoints(CheckpointOptions options, string trainer, string label, int seed, ILogger logger)
{
    private StoredReference? _reference;

    /// <summary>Whether a checkpoint folder is configured.</summary>
    public bool Enabled => options.Directory is not null;

    /// <summary>
    /// Removes leftovers of interrupted writes, then restores the checkpoint <see cref="CheckpointOptions.ResumeFrom"/> names into
    /// the given objects; returns the completed steps (0 when not resuming or no checkpoint exists yet).
    /// </summary>
    public int Resume(Policy policy, TrainingOptimizer optimizer, Policy? reference)
    {
        if (options.Directory is { } directory) TrainerCheckpoint.RemoveStale(directory);
        if (options.ResumeFrom is not { } from) return 0;
        var found = from == "latest"
            ? TrainerCheckpoint.LatestVerified(options.Directory!, (bad, why) =>
                logger.LogWarning("{Trainer}: skipping checkpoint {Folder}: {Reason}", label, bad, why))
            : (from, TrainerCheckpoint.Verify(from));
        if (found is not ({ } folder, var verified))
        {
            logger.LogInformation("{Trainer}: no complete checkpoint in {Directory}; starting from step 0", label, options.Directory);
            return 0;
        }
        if (verified.State.Trainer != trainer)
            throw new InvalidDataException($"'{folder}' is a {verified.State.Trainer} checkpoint, not a {label} one.");
        var state = TrainerCheckpoint.Read(folder, verified, policy, optimizer, reference);
        if (state.Seed != seed)
            logger.LogWarning("Resuming a run seeded {Saved} with seed {Seed}: the continuation will differ from the original run",
                state.Seed, seed);
        logger.LogInformation("{Trainer}: resumed from {Folder} at step {Step}", label, folder, state.Step);
        return state.Step;
    }

    /// <summary>Writes the checkpoint after <paramref name="step"/> completed steps, prunes old ones, and returns its folder.</summary>
    public string Save(int step, Policy policy, TrainingOptimizer optimizer, Policy? reference)
    {
        string directory = options.Directory!;
        if (reference is not null && (_reference is null || !Directory.Exists(_reference.Folder)))   // once per run
            _reference = TrainerCheckpoint.WriteReference(directory, reference);
        string folder = TrainerCheckpoint.Write(directory, new TrainerState(step, seed, trainer), policy, optimizer,
            reference is null ? null : _reference);
        TrainerCheckpoint.Prune(directory, options.KeepLast);
        TrainerCheckpoint.RemoveStale(directory);
        logger.LogInformation("{Trainer} checkpoint: {Folder}", label, folder);
        return folder;
    }
}
