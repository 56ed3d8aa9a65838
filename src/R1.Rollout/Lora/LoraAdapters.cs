using R1.Rollout.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace R1.Rollout.Lora;

/// <summary>
/// The LoRA operations on a <see cref="CausalLM"/>: find the target projections, attach, enable or disable, merge and detach the
/// adapters, and name their tensors as PEFT does (<c>base_model.model.&lt;module&gt;.lora_A.weight</c>).
/// </summary>
internal static class LoraAdapters
{
    /// <summary>The prefix PEFT puts before a causal LM's module names in <c>adapter_model.safetensors</c>.</summary>
    public const string PeftPrefix = "base_model.model.";

    /// <summary>Whether a state-dict key belongs to an adapter rather than to the base model.</summary>
    public static bool IsAdapterKey(string key) => key.Contains(".lora_A.", StringComparison.Ordinal) ||
                                                  key.Contains(".lora_B.", StringComparison.Ordinal);

    /// <summary>The model's projections named in <paramref name="targets"/>, by full module name, in model order.</summary>
    public static List<(string Name, Projection Module)> Targets(CausalLM model, IReadOnlyList<string> targets) =>
        model.named_modules().Where(m => m.module is Projection && targets.Contains(m.name[(m.name.LastIndexOf('.') + 1)..]))
             .Select(m => (m.name, (Projection)m.module)).ToList();

    /// <summary>Every projection that carries an adapter.</summary>
    public static List<(string Name, Projection Module)> Attached(CausalLM model) =>
        model.named_modules().Where(m => m.module is Projection { HasAdapter: true }).Select(m => (m.name, (Projection)m.module)).ToList();

    /// <summary>
    /// Freezes every base parameter and attaches an adapter to each target projection, A drawn from a generator seeded by
    /// <see cref="LoraOptions.Seed"/> (so the adapter does not depend on, or move, the global RNG).
    /// </summary>
    public static void Attach(CausalLM model, LoraOptions options, ScalarType dtype)
    {
        foreach (var p in model.parameters()) p.requires_grad = false;
        using var generator = new Generator((ulong)options.Seed, model.Device);
        foreach (var (_, projection) in Targets(model, options.Targets))
            projection.AttachAdapter(options.Rank, options.Scaling, options.Dropout, dtype, generator);
    }

    /// <summary>Switches every adapter on or off; returns the previous states, for <see cref="Restore"/>.</summary>
    public static List<(Projection Module, bool Enabled)> SetEnabled(CausalLM model, bool enabled)
    {
        var previous = Attached(model).Select(x => (x.Module, x.Module.AdapterEnabled)).ToList();
        foreach (var (module, _) in previous) module.AdapterEnabled = enabled;
        return previous;
    }

    /// <summary>Puts back the states <see cref="SetEnabled"/> returned.</summary>
    public static void Restore(IEnumerable<(Projection Module, bool Enabled)> states)
    {
        foreach (var (module, enabled) in states) module.AdapterEnabled = enabled;
    }

    /// <summary>The adapters' tensors under PEFT's names (the in-memory tensors, not copies).</summary>
    public static Dictionary<string, Tensor> PeftState(CausalLM model)
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, projection) in Attached(model))
        {
            state[$"{PeftPrefix}{name}.lora_A.weight"] = projection.LoraA;
            state[$"{PeftPrefix}{name}.lora_B.weight"] = projection.LoraB;
        }
        return state;
    }

    /// <summary>Adds every adapter into its base weight and removes it; the base parameters become trainable again.</summary>
    public static void Merge(CausalLM model, bool trainable)
    {
        foreach (var (_, projection) in Attached(model)) projection.MergeAdapter();
        foreach (var p in model.parameters()) p.requires_grad = trainable;
    }

    /// <summary>The trainable (adapter) parameters.</summary>
    public static IEnumerable<Parameter> Parameters(CausalLM model) =>
        Attached(model).SelectMany(x => new[] { x.Module.LoraA, x.Module.LoraB });
}
