using System.Text.Json;
using R1.Rollout;
using R1.Rollout.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>
/// A trainer checkpoint folder <c>step-000040/</c>: <c>policy/</c> (a loadable Hugging Face folder whose safetensors hold the
/// trained weights bit-exactly), <c>reference/model.safetensors</c> (the frozen KL reference, when there is one),
/// <c>optimizer.bin</c> (TorchSharp AdamW's <c>save_state_dict</c>) and <c>trainer_state.json</c> (step, seed, the torch RNG state).
/// It is written into a temporary folder and renamed into place, so a crash never leaves a half-written checkpoint under the final name.
/// </summary>
internal static class TrainerCheckpoint
{
    private const string Prefix = "step-", PolicyFolder = "policy", ReferenceFolder = "reference";
    private const string OptimizerFile = "optimizer.bin", StateFile = "trainer_state.json";

    /// <summary>Writes a checkpoint for <paramref name="state"/> under <paramref name="directory"/> and returns its folder.</summary>
    public static string Write(string directory, TrainerState state, Policy policy, TrainingOptimizer optimizer, Policy? reference)
    {
        Directory.CreateDirectory(directory);
        string final = Path.Combine(directory, $"{Prefix}{state.Step:D6}");
        string temp = Path.Combine(directory, $".tmp-{Prefix}{state.Step:D6}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        policy.Save(Path.Combine(temp, PolicyFolder));
        if (reference is not null) CheckpointFolder.Save(reference.Model, Path.Combine(temp, ReferenceFolder));
        optimizer.Save(Path.Combine(temp, OptimizerFile));
        var withRng = state with { TorchRngState = Convert.ToBase64String(torch.get_rng_state().data<byte>().ToArray()) };
        File.WriteAllText(Path.Combine(temp, StateFile), JsonSerializer.Serialize(withRng, new JsonSerializerOptions { WriteIndented = true }));
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(temp, final);
        return final;
    }

    /// <summary>
    /// Restores weights, optimizer and RNG state from <paramref name="folder"/> into the given objects and returns the trainer state.
    /// </summary>
    public static TrainerState Read(string folder, Policy policy, TrainingOptimizer optimizer, Policy? reference)
    {
        string stateFile = Path.Combine(folder, StateFile);
        if (!File.Exists(stateFile)) throw new FileNotFoundException($"'{folder}' is not a trainer checkpoint: {StateFile} is missing.", stateFile);
        var state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(stateFile))
                    ?? throw new InvalidDataException($"{stateFile} is empty.");
        CheckpointFolder.LoadInto(policy.Model, Path.Combine(folder, PolicyFolder));
        if (reference is not null)
        {
            string referenceFolder = Path.Combine(folder, ReferenceFolder);
            if (!Directory.Exists(referenceFolder))
                throw new InvalidDataException($"'{folder}' has no {ReferenceFolder}/, but this run uses a KL reference (beta > 0).");
            CheckpointFolder.LoadInto(reference.Model, referenceFolder);
        }
        optimizer.Load(Path.Combine(folder, OptimizerFile));
        if (state.TorchRngState is { } rng)
        {
            using var t = tensor(Convert.FromBase64String(rng), ScalarType.Byte);
            torch.set_rng_state(t);
        }
        return state;
    }

    /// <summary>The newest complete checkpoint folder in <paramref name="directory"/>, or <see langword="null"/>.</summary>
    public static string? Latest(string directory) =>
        !Directory.Exists(directory) ? null
        : Directory.GetDirectories(directory, Prefix + "*").OrderBy(d => d, StringComparer.Ordinal).LastOrDefault();
}

/// <summary>The scalar state of a trainer at a step boundary, saved in <c>trainer_state.json</c>.</summary>
/// <param name="Step">Completed optimizer steps.</param>
/// <param name="Seed">The run's seed (prompt order and per-step sampling seeds derive from it and the step).</param>
/// <param name="Trainer">Which trainer wrote it (<c>grpo</c> or <c>sft</c>).</param>
/// <param name="TorchRngState">The global torch generator state, base64.</param>
internal sealed record TrainerState(int Step, int Seed, string Trainer, string? TorchRngState = null);
