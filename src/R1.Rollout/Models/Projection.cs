using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace R1.Rollout.Models;

/// <summary>
/// A linear projection (<c>weight</c> [out, in], optional <c>bias</c>) that can carry a LoRA adapter. Without one it computes
/// exactly what <c>nn.Linear</c> computes, and it is initialised as <c>nn.Linear</c> is (same draws from the global RNG), so
/// models without adapters are unchanged bit for bit. With an adapter attached it holds <c>lora_A</c> [r, in] and
/// <c>lora_B</c> [out, r] (PEFT's names) and computes <c>W·x + b + scaling · B·A·dropout(x)</c> while enabled.
/// </summary>
internal sealed class Projection : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private LoraFactor? lora_A, lora_B;
    private double _scaling, _dropout;

    /// <summary>Creates the projection <paramref name="inFeatures"/> → <paramref name="outFeatures"/>.</summary>
    public Projection(string name, long inFeatures, long outFeatures, bool hasBias) : base(name)
    {
        weight = new Parameter(empty(outFeatures, inFeatures));
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (hasBias)
        {
            bias = new Parameter(empty(outFeatures));
            double bound = 1 / Math.Sqrt(inFeatures);
            nn.init.uniform_(bias, -bound, bound);
        }
        RegisterComponents();
    }

    /// <summary>The base weight [out, in].</summary>
    public Parameter Weight => weight;

    /// <summary>Whether an adapter is attached.</summary>
    public bool HasAdapter => lora_A is not null;

    /// <summary>Whether an attached adapter takes part in <see cref="forward"/> (a disabled adapter leaves the base projection).</summary>
    public bool AdapterEnabled { get; set; } = true;

    /// <summary>The adapter's down-projection A [r, in]; throws without an adapter.</summary>
    public Parameter LoraA => (lora_A ?? throw NoAdapter()).Weight;

    /// <summary>The adapter's up-projection B [out, r]; throws without an adapter.</summary>
    public Parameter LoraB => (lora_B ?? throw NoAdapter()).Weight;

    /// <summary>
    /// Attaches an adapter of rank <paramref name="rank"/> in <paramref name="dtype"/> on this projection's device: A ~ Kaiming-uniform
    /// (a = √5) from <paramref name="generator"/>, B = 0, so the projection's output is unchanged until B trains.
    /// </summary>
    public void AttachAdapter(int rank, double scaling, double dropout, ScalarType dtype, Generator generator)
    {
        if (HasAdapter) throw new InvalidOperationException($"Projection '{GetName()}' already has a LoRA adapter.");
        var device = weight.device;
        long inFeatures = weight.shape[1], outFeatures = weight.shape[0];
        var a = new LoraFactor("lora_A", inFeatures, rank, device, dtype);
        var b = new LoraFactor("lora_B", rank, outFeatures, device, dtype);     // B = 0
        using (no_grad())
        {
            double bound = Math.Sqrt(6.0 / ((1 + 5.0) * inFeatures));   // kaiming_uniform_(a=√5): gain √(2/(1+a²)), bound gain·√(3/fan_in)
            using var draw = empty([rank, inFeatures], ScalarType.Float32, device).uniform_(-bound, bound, generator);
            a.Weight.copy_(draw);
        }
        (lora_A, lora_B, _scaling, _dropout) = (a, b, scaling, dropout);
        register_module("lora_A", a);
        register_module("lora_B", b);
    }

    /// <summary>Removes the adapter (its parameters are disposed); the base projection is left as it is.</summary>
    public void DetachAdapter()
    {
        if (!HasAdapter) return;
        register_module("lora_A", null!);
        register_module("lora_B", null!);
        lora_A!.Dispose();
        lora_B!.Dispose();
        (lora_A, lora_B) = (null, null);
        AdapterEnabled = true;
    }

    /// <summary>Adds the adapter's update into the base weight (<c>W += scaling · B·A</c>, in fp32, stored in W's dtype) and removes it.</summary>
    public void MergeAdapter()
    {
        if (!HasAdapter) return;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var delta = LoraB.to(ScalarType.Float32).matmul(LoraA.to(ScalarType.Float32)).mul(_scaling);
            weight.copy_(weight.to(ScalarType.Float32).add(delta).to(weight.dtype));
        }
        DetachAdapter();
    }

    /// <summary>
    /// <c>x·Wᵀ + b</c>, plus the adapter's <c>scaling · dropout(x)·Aᵀ·Bᵀ</c> when one is attached and enabled. Dropout acts only in
    /// training mode while autograd records (the trainers' learning passes); generation and no-grad scoring never drop.
    /// </summary>
    public override Tensor forward(Tensor x)
    {
        var y = nn.functional.linear(x, weight, bias);
        if (lora_A is null || lora_B is null || !AdapterEnabled) return y;
        using var scope = NewDisposeScope();
        var dtype = lora_A.Weight.dtype;
        var input = x.dtype == dtype ? x : x.to(dtype);
        if (_dropout > 0 && training && is_grad_enabled()) input = nn.functional.dropout(input, _dropout, training: true);
        var update = lora_B.forward(lora_A.forward(input)).mul(_scaling);
        return y.add(update.dtype == y.dtype ? update : update.to(y.dtype)).MoveToOuterDisposeScope();
    }

    private InvalidOperationException NoAdapter() => new($"Projection '{GetName()}' has no LoRA adapter.");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) DetachAdapter();
        base.Dispose(disposing);
    }
}
