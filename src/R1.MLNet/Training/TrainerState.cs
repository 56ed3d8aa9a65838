namespace R1.MLNet.Training;

/// <summary>The scalar state of a trainer at a step boundary, saved in <c>trainer_state.json</c>.</summary>
/// <param name="Step">Completed optimizer steps.</param>
/// <param name="Seed">The run's seed (prompt order and per-step sampling seeds derive from it and the step).</param>
/// <param name="Trainer">Which trainer wrote it (<c>grpo</c> or <c>sft</c>).</param>
/// <param name="TorchRngState">The global torch generator state, base64.</param>
internal sealed record TrainerState(int Step, int Seed, string Trainer, string? TorchRngState = null);
