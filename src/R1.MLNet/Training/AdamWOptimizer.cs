using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>
/// AdamWOptimizer (decoupled weight decay, Loshchilov &amp; Hutter) with its state held in plain tensors, so a checkpoint
/// saves and restores it exactly. Matches <c>torch.optim.AdamWOptimizer</c>'s update.
/// </summary>
public sealed class AdamWOptimizer : IDisposable
{
    private readonly (string Name, Parameter Param)[] _params;
    private readonly Tensor[] _m, _v;

    /// <summary>Creates the optimizer over <paramref name="parameters"/> (named, for checkpoints).</summary>
    public AdamWOptimizer(IEnumerable<(string Name, Parameter Param)> parameters, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0.0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _params = parameters.Where(p => p.Param.requires_grad).ToArray();
        if (_params.Length == 0) throw new ArgumentException("AdamWOptimizer needs at least one trainable parameter.", nameof(parameters));
        (Beta1, Beta2, Eps, WeightDecay) = (beta1, beta2, eps, weightDecay);
        _m = _params.Select(p => zeros_like(p.Param).DetachFromDisposeScope()).ToArray();
        _v = _params.Select(p => zeros_like(p.Param).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>β₁. Default 0.9.</summary>
    public double Beta1 { get; }

    /// <summary>β₂. Default 0.999.</summary>
    public double Beta2 { get; }

    /// <summary>ε. Default 1e-8.</summary>
    public double Eps { get; }

    /// <summary>Decoupled weight decay. Default 0.</summary>
    public double WeightDecay { get; }

    /// <summary>Number of updates applied so far (drives bias correction).</summary>
    public long StepCount { get; private set; }

    /// <summary>Sets every gradient to <see langword="null"/>.</summary>
    public void ZeroGrad()
    {
        foreach (var (_, p) in _params) p.grad = null;
    }

    /// <summary>Scales gradients so their global L2 norm is at most <paramref name="maxNorm"/> (if positive); returns the norm before clipping.</summary>
    public double ClipGradNorm(double maxNorm)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var grads = _params.Select(p => p.Param.grad).OfType<Tensor>().ToArray();
        if (grads.Length == 0) return 0;
        double norm = stack(grads.Select(g => g.to_type(ScalarType.Float32).norm()).ToArray()).norm().ToDouble();
        if (maxNorm > 0 && norm > maxNorm)
            foreach (var g in grads) g.mul_(maxNorm / (norm + 1e-6));
        return norm;
    }

    /// <summary>Applies one update with learning rate <paramref name="lr"/>. Parameters without a gradient are left alone.</summary>
    public void Step(double lr)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        StepCount++;
        double bc1 = 1 - Math.Pow(Beta1, StepCount), bc2 = 1 - Math.Pow(Beta2, StepCount);
        for (int i = 0; i < _params.Length; i++)
        {
            var p = _params[i].Param;
            if (p.grad is not { } g) continue;
            p.mul_(1 - lr * WeightDecay);
            _m[i].mul_(Beta1).add_(g, alpha: 1 - Beta1);
            _v[i].mul_(Beta2).addcmul_(g, g, value: 1 - Beta2);
            var denom = (_v[i].sqrt() / Math.Sqrt(bc2)).add_(Eps);
            p.addcdiv_(_m[i], denom, value: -lr / bc1);
        }
    }

    /// <summary>Writes the step count and both moment tensors of every parameter.</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(StepCount);
        writer.Write(_params.Length);
        for (int i = 0; i < _params.Length; i++)
        {
            writer.Write(_params[i].Name);
            TensorIO.Write(writer, _m[i]);
            TensorIO.Write(writer, _v[i]);
        }
    }

    /// <summary>Restores state written by <see cref="Save"/> for the same parameters.</summary>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long steps = reader.ReadInt64();
        int count = reader.ReadInt32();
        if (count != _params.Length) throw new InvalidDataException($"Optimizer state has {count} parameters; the model has {_params.Length} trainable ones.");
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            if (name != _params[i].Name) throw new InvalidDataException($"Optimizer state parameter {i} is '{name}'; expected '{_params[i].Name}'.");
            TensorIO.ReadInto(reader, _m[i]);
            TensorIO.ReadInto(reader, _v[i]);
        }
        StepCount = steps;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _m.Concat(_v)) t.Dispose();
    }
}
