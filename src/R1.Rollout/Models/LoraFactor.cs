using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace R1.Rollout.Models;

/// <summary>
/// One factor of a LoRA adapter (PEFT's <c>lora_A</c> or <c>lora_B</c>): a bias-free linear map whose parameter is named
/// <c>weight</c>. Created zero-filled (drawing nothing from the global RNG) and owned by the module, not by any dispose scope;
/// <see cref="Projection"/> initialises it.
/// </summary>
internal sealed class LoraFactor : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    /// <summary>Creates a zero [<paramref name="outFeatures"/>, <paramref name="inFeatures"/>] factor.</summary>
    public LoraFactor(string name, long inFeatures, long outFeatures, Device device, ScalarType dtype) : base(name)
    {
        weight = new Parameter(zeros([outFeatures, inFeatures], dtype, device));
        weight.DetachFromDisposeScope();              // attached inside a caller's dispose scope, the adapter must outlive it
        RegisterComponents();
    }

    /// <summary>The factor's matrix [out, in].</summary>
    public Parameter Weight => weight;

    /// <summary><c>x·weightᵀ</c>.</summary>
    public override Tensor forward(Tensor x) => nn.functional.linear(x, weight);
}
