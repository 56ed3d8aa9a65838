using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace R1.Rollout.Models;

/// <summary>The SwiGLU feed-forward block: <c>down(silu(gate(x)) * up(x))</c>.</summary>
internal sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Projection gate_proj, up_proj, down_proj;

    /// <summary>Creates the three bias-free projections.</summary>
    public Mlp(ModelConfig config) : base("mlp")
    {
        gate_proj = new Projection("gate_proj", config.HiddenSize, config.IntermediateSize, hasBias: false);
        up_proj = new Projection("up_proj", config.HiddenSize, config.IntermediateSize, hasBias: false);
        down_proj = new Projection("down_proj", config.IntermediateSize, config.HiddenSize, hasBias: false);
        RegisterComponents();
    }

    /// <summary>Applies the block to <paramref name="x"/> [B, T, hidden].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return down_proj.forward(nn.functional.silu(gate_proj.forward(x)) * up_proj.forward(x)).MoveToOuterDisposeScope();
    }
}
