using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>
/// A trainer checkpoint folder <c>step-000040/</c>: <c>weights.bin</c> (every parameter, bit-exact), <c>reference.bin</c>
/// (the frozen KL reference, when there is one), <c>optimizer.bin</c>
/// (AdamWOptimizer moments and step count), <c>trainer_state.json</c> (step, seed, the torch RNG state) and <c>policy/</c>
/// (a loadable model folder). It is written into a temporary folder and renamed into place, so a crash never leaves
/// a half-written checkpoint under the final name.
/// </summary>
public static class TrainerCheckpoint
{
    private const string Prefix = "step-";

    /// <summary>Writes a checkpoint for <paramref name="state"/> under <paramref name="directory"/> and returns its folder.</summary>
    public static string Write(string directory, TrainerState state, IReadOnlyList<(string Name, Parameter Param)> parameters, AdamWOptimizer optimizer,
        Action<string>? savePolicy, IReadOnlyList<(string Name, Parameter Param)>? reference = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(state);
        Directory.CreateDirectory(directory);
        string final = Path.Combine(directory, $"{Prefix}{state.Step:D6}");
        string temp = Path.Combine(directory, $".tmp-{Prefix}{state.Step:D6}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        WriteParameters(Path.Combine(temp, "weights.bin"), parameters);
        if (reference is not null) WriteParameters(Path.Combine(temp, "reference.bin"), reference);
        using (var w = new BinaryWriter(File.Create(Path.Combine(temp, "optimizer.bin")))) optimizer.Save(w);
        var withRng = state with { TorchRngState = Convert.ToBase64String(torch.get_rng_state().data<byte>().ToArray()) };
        File.WriteAllText(Path.Combine(temp, "trainer_state.json"), JsonSerializer.Serialize(withRng, new JsonSerializerOptions { WriteIndented = true }));
        savePolicy?.Invoke(Path.Combine(temp, "policy"));
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(temp, final);
        return final;
    }

    /// <summary>Restores weights, optimizer and RNG state from <paramref name="folder"/> into the given objects and returns the trainer state.</summary>
    public static TrainerState Read(string folder, IReadOnlyList<(string Name, Parameter Param)> parameters, AdamWOptimizer optimizer,
        IReadOnlyList<(string Name, Parameter Param)>? reference = null)
    {
        string stateFile = Path.Combine(folder, "trainer_state.json");
        if (!File.Exists(stateFile)) throw new FileNotFoundException($"'{folder}' is not a trainer checkpoint: trainer_state.json is missing.", stateFile);
        var state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(stateFile))
                    ?? throw new InvalidDataException($"{stateFile} is empty.");
        ReadParameters(Path.Combine(folder, "weights.bin"), parameters);
        if (reference is not null)
        {
            string file = Path.Combine(folder, "reference.bin");
            if (!File.Exists(file)) throw new InvalidDataException($"'{folder}' has no reference.bin, but this run uses a KL reference (beta > 0).");
            ReadParameters(file, reference);
        }
        using (var r = new BinaryReader(File.OpenRead(Path.Combine(folder, "optimizer.bin")))) optimizer.Load(r);
        if (state.TorchRngState is { } rng)
        {
            using var t = tensor(Convert.FromBase64String(rng), ScalarType.Byte);
            torch.set_rng_state(t);
        }
        return state;
    }

    private static void WriteParameters(string file, IReadOnlyList<(string Name, Parameter Param)> parameters)
    {
        using var w = new BinaryWriter(File.Create(file));
        w.Write(parameters.Count);
        foreach (var (name, p) in parameters) { w.Write(name); TensorIO.Write(w, p); }
    }

    private static void ReadParameters(string file, IReadOnlyList<(string Name, Parameter Param)> parameters)
    {
        using var r = new BinaryReader(File.OpenRead(file));
        int count = r.ReadInt32();
        if (count != parameters.Count) throw new InvalidDataException($"{file} has {count} parameters; the model has {parameters.Count}.");
        foreach (var (name, p) in parameters)
        {
            string saved = r.ReadString();
            if (saved != name) throw new InvalidDataException($"{file}: parameter '{saved}' found where '{name}' was expected.");
            TensorIO.ReadInto(r, p);
        }
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
public sealed record TrainerState(int Step, int Seed, string Trainer, string? TorchRngState = null);
