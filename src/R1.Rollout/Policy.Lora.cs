using R1.Rollout.Lora;
using static TorchSharp.torch;

namespace R1.Rollout;

/// <summary>LoRA adapters on the policy (see <see cref="LoraOptions"/> and <see cref="PeftAdapter"/>).</summary>
public sealed partial class Policy
{
    private LoraOptions? _lora;

    /// <summary>The settings of the attached LoRA adapters (a copy), or <see langword="null"/> when none are attached.</summary>
    public LoraOptions? Lora => _lora?.Clone();

    /// <summary>
    /// Attaches LoRA adapters to the target projections of every layer and freezes the base: afterwards only the adapters
    /// have <c>requires_grad</c>, so a trainer's optimiser updates only them. A starts Kaiming-uniform (a = √5, seeded by
    /// <see cref="LoraOptions.Seed"/>), B at zero, so the policy computes exactly what it computed before.
    /// </summary>
    /// <param name="options">Rank, alpha, dropout and target projections (validated, copied).</param>
    /// <param name="adapterDType">
    /// The adapters' dtype. Default <see langword="null"/>: the policy's <see cref="DType"/>. <c>Float32</c> on a bf16 policy keeps
    /// the trainable weights in fp32 over a frozen bf16 base (the adapter's input and output are cast around it).
    /// </param>
    /// <exception cref="InvalidOperationException">Adapters are already attached, or this is a frozen clone.</exception>
    public void AddLora(LoraOptions options, ScalarType? adapterDType = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (_lora is not null) throw new InvalidOperationException("The policy already has LoRA adapters; merge them first to add new ones.");
        if (IsFrozen) throw new InvalidOperationException("A frozen clone cannot take trainable adapters.");
        LoraAdapters.Attach(Model, options, adapterDType ?? DType);
        _lora = options.Clone();
    }

    /// <summary>
    /// Switches the adapters off until the returned scope is disposed: the policy then computes exactly its base model (the
    /// GRPO reference under LoRA). Without adapters the scope does nothing.
    /// </summary>
    public IDisposable DisableAdapters() => new AdapterSwitch(LoraAdapters.SetEnabled(Model, enabled: false));

    /// <summary>
    /// Saves the adapters in PEFT's layout (<see cref="PeftAdapter.ConfigFile"/> + <see cref="PeftAdapter.WeightsFile"/>) to
    /// <paramref name="folder"/>.
    /// </summary>
    /// <param name="folder">The adapter folder (created if needed).</param>
    /// <param name="baseModelNameOrPath">Written as <c>base_model_name_or_path</c> (a hub id or the base folder). Default the folder
    /// this policy was loaded from, or empty.</param>
    /// <exception cref="InvalidOperationException">No adapters are attached.</exception>
    public void SaveAdapter(string folder, string? baseModelNameOrPath = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var lora = _lora ?? throw new InvalidOperationException("The policy has no LoRA adapters to save.");
        PeftAdapter.Write(folder, Model, lora, baseModelNameOrPath ?? _sourceFolder ?? "");
    }

    /// <summary>
    /// Loads the PEFT adapter in <paramref name="folder"/> onto this policy: attaches adapters with the folder's settings, in the
    /// dtype the file stores (or reuses the attached ones when their settings match), and copies its weights. The base weights
    /// are not touched.
    /// </summary>
    /// <exception cref="InvalidDataException">The adapter is not LoRA, or its keys or shapes do not fit this model.</exception>
    /// <exception cref="InvalidOperationException">Adapters with other settings are attached.</exception>
    public void LoadAdapter(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var options = PeftAdapter.ReadOptions(folder);
        if (_lora is null) AddLora(options, PeftAdapter.StoredDType(folder) is { } stored && IsFloating(stored) ? stored : null);
        else if (_lora.Rank != options.Rank || !_lora.Targets.Order().SequenceEqual(options.Targets.Order()))
            throw new InvalidOperationException(
                $"The policy's adapters (r = {_lora.Rank}, {string.Join(", ", _lora.Targets)}) differ from those in '{folder}' " +
                $"(r = {options.Rank}, {string.Join(", ", options.Targets)}).");
        PeftAdapter.ReadInto(folder, Model);
    }

    /// <summary>
    /// A frozen copy of this policy (<see cref="CloneFrozen"/>) with the PEFT adapter in <paramref name="folder"/> loaded onto it
    /// (<see cref="LoadAdapter"/>): what a server holds per adapter it serves beside the base. This policy is not touched.
    /// </summary>
    /// <exception cref="InvalidDataException">The adapter is not LoRA, or its keys or shapes do not fit this model.</exception>
    /// <exception cref="InvalidOperationException">This policy carries adapters with other settings.</exception>
    public Policy CloneWithAdapter(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var clone = CloneFrozen();
        try
        {
            clone.IsFrozen = false;
            clone.LoadAdapter(folder);
            foreach (var p in clone.Model.parameters()) p.requires_grad = false;
            clone.Model.eval();
            clone.IsFrozen = true;
            return clone;
        }
        catch
        {
            clone.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Merges the adapters into the base weights (<c>W += (alpha / r) · B·A</c>, computed in fp32) and removes them, so
    /// <see cref="Save"/> then writes a plain Hugging Face folder for export. The base becomes trainable again.
    /// </summary>
    public void MergeAdapters()
    {
        if (_lora is null) return;
        LoraAdapters.Merge(Model, trainable: !IsFrozen);
        _lora = null;
    }

    private static bool IsFloating(ScalarType t) => t is ScalarType.Float32 or ScalarType.BFloat16 or ScalarType.Float16;

    /// <summary>Attaches the adapter saved with a policy folder (<see cref="PeftAdapter.PolicySubfolder"/>), if there is one.</summary>
    private void LoadSavedAdapter(string folder)
    {
        string adapter = Path.Combine(folder, PeftAdapter.PolicySubfolder);
        if (PeftAdapter.Exists(adapter)) LoadAdapter(adapter);
    }

    /// <summary>Gives a copy the same adapters (settings and weights) as this policy.</summary>
    private void CopyAdaptersTo(Policy copy)
    {
        if (_lora is null) return;
        var source = LoraAdapters.PeftState(Model);
        LoraAdapters.Attach(copy.Model, _lora, source.Values.First().dtype);
        copy._lora = _lora.Clone();
        using var noGrad = no_grad();
        foreach (var (name, t) in LoraAdapters.PeftState(copy.Model)) t.copy_(source[name]);
    }

    /// <summary>The scope <see cref="DisableAdapters"/> returns: puts the adapters' states back once.</summary>
    private sealed class AdapterSwitch(List<(Models.Projection Module, bool Enabled)> previous) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            LoraAdapters.Restore(previous);
        }
    }
}
