using System.Text.Json;
using R1.Rollout;
using R1.Rollout.Checkpoints;
using R1.Rollout.Lora;

namespace R1.MLNet.Training;

/// <summary>
/// A trainer checkpoint folder <c>step-000040/</c>: <c>policy/</c> (a loadable Hugging Face folder whose safetensors hold the
/// trained weights bit-exactly; under LoRA the base plus the adapter in <c>policy/adapter/</c>, PEFT's layout), <c>optimizer.bin</c>
/// (TorchSharp AdamW's <c>save_state_dict</c>), <c>trainer_state.json</c>
/// (step, seed, the torch RNG state) and, written last, <c>manifest.json</c> (size and SHA-256 of every file). The frozen KL
/// reference is stored once per run beside the step folders, as <c>reference-&lt;hash&gt;/model.safetensors</c>, and the
/// manifest names and hashes it. A checkpoint is written into <c>.tmp-step-…</c> and renamed into place, so a crash never
/// leaves a half-written checkpoint under the final name; one without a valid manifest is incomplete and never loaded.
/// </summary>
internal static class TrainerCheckpoint
{
    private const string Prefix = "step-", TempPrefix = ".tmp-", ReferencePrefix = "reference-", PolicyFolder = "policy";
    private const string OptimizerFile = "optimizer.bin", StateFile = "trainer_state.json";

    /// <summary>Test hook: runs with the temporary folder just before the manifest is written (to simulate a slow write).</summary>
    internal static Action<string>? BeforeManifest { get; set; }

    /// <summary>
    /// Writes a checkpoint for <paramref name="state"/> under <paramref name="directory"/> and returns its folder.
    /// <paramref name="reference"/> is the run's shared reference (from <see cref="WriteReference"/>), if any.
    /// </summary>
    public static string Write(string directory, TrainerState state, Policy policy, TrainingOptimizer optimizer, StoredReference? reference)
    {
        Directory.CreateDirectory(directory);
        string final = Path.Combine(directory, $"{Prefix}{state.Step:D6}");
        string temp = Path.Combine(directory, $"{TempPrefix}{Prefix}{state.Step:D6}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            policy.Save(Path.Combine(temp, PolicyFolder));
            optimizer.Save(Path.Combine(temp, OptimizerFile));
            var withRng = state with { TorchRngState = TorchRngState.Capture() };
            File.WriteAllText(Path.Combine(temp, StateFile), JsonSerializer.Serialize(withRng, new JsonSerializerOptions { WriteIndented = true }));
            BeforeManifest?.Invoke(temp);
            CheckpointManifest.Create(temp, state.Step, reference).Write(temp);
            if (Directory.Exists(final))
                Directory.Move(final, Path.Combine(directory, $"{TempPrefix}old-{Prefix}{state.Step:D6}-{Guid.NewGuid():N}"));
            Directory.Move(temp, final);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
        return final;
    }

    /// <summary>
    /// Stores the frozen reference once under <paramref name="directory"/> as <c>reference-&lt;first 16 hex of its SHA-256&gt;/</c>
    /// (reusing an identical one already there) and returns that folder with the hash of its file.
    /// </summary>
    public static StoredReference WriteReference(string directory, Policy reference)
    {
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, $"{TempPrefix}{ReferencePrefix}{Guid.NewGuid():N}");
        CheckpointFolder.Save(reference.Model, temp);
        var hash = CheckpointManifest.Hash(Path.Combine(temp, CheckpointFolder.SingleFile));
        string final = Path.Combine(directory, ReferencePrefix + hash.Sha256[..16]);
        string existing = Path.Combine(final, CheckpointFolder.SingleFile);
        if (File.Exists(existing) && CheckpointManifest.Hash(existing) == hash) Directory.Delete(temp, recursive: true);
        else
        {
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
            Directory.Move(temp, final);
        }
        return new StoredReference(final, new Dictionary<string, CheckpointFileHash> { [CheckpointFolder.SingleFile] = hash });
    }

    /// <summary>
    /// Restores weights, optimizer and RNG state from <paramref name="folder"/> into the given objects and returns the trainer
    /// state. Every file is checked against the manifest, and the state and RNG are validated, before anything is copied into
    /// the policy, so a damaged checkpoint fails with an <see cref="InvalidDataException"/> naming the file and leaves the
    /// policy as it was.
    /// </summary>
    /// <param name="folder">The checkpoint folder.</param>
    /// <param name="verified">What <see cref="Verify"/> returned for it, if it already ran (the files are not hashed again).</param>
    /// <param name="policy">Receives the trained weights.</param>
    /// <param name="optimizer">Receives AdamW's state.</param>
    /// <param name="reference">Receives the frozen reference, when the run has one.</param>
    public static TrainerState Read(string folder, (CheckpointManifest Manifest, TrainerState State)? verified, Policy policy,
        TrainingOptimizer optimizer, Policy? reference)
    {
        var (manifest, state) = verified ?? Verify(folder);
        byte[]? rng = state.TorchRngState is { } r ? TorchRngState.Decode(r, Path.Combine(folder, StateFile)) : null;
        string policyFolder = Path.Combine(folder, PolicyFolder), adapter = Path.Combine(policyFolder, PeftAdapter.PolicySubfolder);
        if (policy.Lora is not null != PeftAdapter.Exists(adapter))
            throw new InvalidDataException(policy.Lora is not null
                ? $"'{folder}' holds no LoRA adapter ({PeftAdapter.PolicySubfolder}/), but this run trains one (Lora is set)."
                : $"'{folder}' holds a LoRA adapter, but this run trains the full model: set Lora to resume it.");
        string? referenceFolder = manifest.Reference is { } name ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(folder))!, name) : null;
        if (reference is not null && referenceFolder is null)
            throw new InvalidDataException(
                $"'{Path.Combine(folder, CheckpointManifest.FileName)}' names no reference, but this run uses a KL reference (beta > 0).");
        optimizer.Load(Path.Combine(folder, OptimizerFile));
        if (reference is not null) CheckpointFolder.LoadInto(reference.Model, referenceFolder!);
        CheckpointFolder.LoadInto(policy.Model, policyFolder);
        if (policy.Lora is not null) policy.LoadAdapter(adapter);
        if (rng is not null) TorchRngState.Restore(rng);
        return state;
    }

    /// <summary>Checks <paramref name="folder"/> against its manifest and reads its state; throws naming the bad file.</summary>
    public static (CheckpointManifest Manifest, TrainerState State) Verify(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Checkpoint folder not found: '{folder}'.");
        var manifest = CheckpointManifest.Verify(folder);
        string stateFile = Path.Combine(folder, StateFile);
        if (!File.Exists(stateFile)) throw new InvalidDataException($"'{folder}' is not a trainer checkpoint: {StateFile} is missing.");
        TrainerState? state;
        try { state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(stateFile)); }
        catch (JsonException e) { throw new InvalidDataException($"'{stateFile}' is not a valid trainer state: {e.Message}", e); }
        if (state is null) throw new InvalidDataException($"'{stateFile}' is empty.");
        if (state.Step < 0) throw new InvalidDataException($"'{stateFile}': Step is {state.Step}; it must not be negative.");
        if (state.Step != manifest.Step)
            throw new InvalidDataException($"'{stateFile}': Step {state.Step} differs from the manifest's step {manifest.Step}.");
        if (string.IsNullOrWhiteSpace(state.Trainer)) throw new InvalidDataException($"'{stateFile}' names no Trainer.");
        return (manifest, state);
    }

    /// <summary>
    /// The newest checkpoint folder in <paramref name="directory"/> that passes <see cref="Verify"/>, or <see langword="null"/>;
    /// each newer folder that fails is reported to <paramref name="skipped"/> with the reason.
    /// </summary>
    public static string? Latest(string directory, Action<string, string>? skipped = null) => LatestVerified(directory, skipped)?.Folder;

    /// <summary>As <see cref="Latest"/>, with what <see cref="Verify"/> returned for the folder.</summary>
    public static (string Folder, (CheckpointManifest Manifest, TrainerState State) Verified)? LatestVerified(
        string directory, Action<string, string>? skipped = null)
    {
        foreach (var folder in Enumerable.Reverse(StepFolders(directory)))
        {
            try
            {
                return (folder, Verify(folder));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                skipped?.Invoke(folder, e.Message);
            }
        }
        return null;
    }

    /// <summary>Deletes the leftovers of interrupted writes (<c>.tmp-*</c> folders) in <paramref name="directory"/>.</summary>
    public static void RemoveStale(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var d in Directory.GetDirectories(directory, TempPrefix + "*")) TryDelete(d);
    }

    /// <summary>
    /// Keeps the newest <paramref name="keepLast"/> step folders (all when 0) and deletes older ones, then deletes every
    /// <c>reference-*</c> folder no remaining checkpoint names.
    /// </summary>
    public static void Prune(string directory, int keepLast)
    {
        var steps = StepFolders(directory);
        if (keepLast > 0)
            foreach (var old in steps.Take(Math.Max(0, steps.Count - keepLast))) TryDelete(old);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in StepFolders(directory))
        {
            try
            {
                var manifest = JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(Path.Combine(folder, CheckpointManifest.FileName)));
                if (manifest?.Reference is { } name) used.Add(name);
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                // an unreadable checkpoint keeps nothing alive
            }
        }
        foreach (var reference in Directory.GetDirectories(directory, ReferencePrefix + "*"))
            if (!used.Contains(Path.GetFileName(reference))) TryDelete(reference);
    }

    private static List<string> StepFolders(string directory) =>
        !Directory.Exists(directory) ? []
        : Directory.GetDirectories(directory, Prefix + "*").Order(StringComparer.Ordinal).ToList();

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort: a folder that cannot be removed now is removed by a later run
        }
    }
}
