using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace R1.Rollout.Models;

/// <summary>RMSNorm as in Qwen2/Llama: <c>weight * (x * rsqrt(mean(x²) + eps))</c>, the statistics computed in float32.</summary>
internal sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _eps;

    /// <summary>Creates the norm with a unit weight of width <paramref name="size"/>.</summary>
    public RmsNorm(string name, long size, double eps) : base(name)
    {
        weight = new Parameter(ones(size));
        _eps = eps;
        RegisterComponents();
    }

    /// <summary>Normalizes the last dimension of <paramref name="x"/> [..., size].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var dtype = x.dtype;
        var x32 = dtype == ScalarType.Float32 ? x : x.to(ScalarType.Float32);
        var inverseRms = x32.square().mean([-1], keepdim: true).add_(_eps).rsqrt_();   // [..., 1]
        var normed = x32 * inverseRms;
        if (dtype != ScalarType.Float32) normed = normed.to(dtype);
        return normed.mul_(weight).MoveToOuterDisposeScope();
    }
}
