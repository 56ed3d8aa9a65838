using static TorchSharp.torch;

namespace R1.Rollout.Models;

/// <summary>
/// Rotary position embedding with the Hugging Face <c>rotate_half</c> convention: <c>inv_freq = 1/θ^(2i/d)</c>
/// (optionally rescaled by the Llama 3 scheme), cos/sin of <c>cat(freqs, freqs)</c> computed in float32.
/// </summary>
internal sealed class RotaryEmbedding : IDisposable
{
    private readonly float[] _invFreq;
    private Tensor? _invFreqOnDevice;

    /// <summary>Precomputes the inverse frequencies for <paramref name="config"/>.</summary>
    public RotaryEmbedding(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        int dim = config.HeadDim;
        _invFreq = new float[dim / 2];
        for (int i = 0; i < _invFreq.Length; i++)
            _invFreq[i] = 1.0f / MathF.Pow((float)config.RopeTheta, (2 * i) / (float)dim);
        if (config.RopeScaling is { Kind: "llama3" } scaling) ApplyLlama3(_invFreq, scaling);
    }

    /// <summary>The inverse frequencies [head_dim / 2].</summary>
    public IReadOnlyList<float> InverseFrequencies => _invFreq;

    private static void ApplyLlama3(float[] invFreq, RopeScaling s)
    {
        double lowWavelen = s.OriginalMaxPositionEmbeddings / s.LowFreqFactor;
        double highWavelen = s.OriginalMaxPositionEmbeddings / s.HighFreqFactor;
        for (int i = 0; i < invFreq.Length; i++)
        {
            double f = invFreq[i], wavelen = 2 * Math.PI / f;
            if (wavelen > lowWavelen) invFreq[i] = (float)(f / s.Factor);
            else if (wavelen >= highWavelen)
            {
                double smooth = (s.OriginalMaxPositionEmbeddings / wavelen - s.LowFreqFactor) / (s.HighFreqFactor - s.LowFreqFactor);
                invFreq[i] = (float)((1 - smooth) * f / s.Factor + smooth * f);
            }
        }
    }

    /// <summary>
    /// cos and signed sin tables [B, 1, T, head_dim] for <paramref name="positionIds"/> [B, T], in <paramref name="dtype"/>.
    /// The first half of the sin table is negated so that <see cref="Apply"/> can use <c>roll</c> for <c>rotate_half</c>.
    /// </summary>
    public (Tensor Cos, Tensor Sin) Tables(Tensor positionIds, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var inv = InvFreqOn(positionIds.device);
        var freqs = positionIds.to(ScalarType.Float32).unsqueeze(-1) * inv;   // [B, T, D/2]
        var emb = cat([freqs, freqs], -1).unsqueeze(1);                          // [B, 1, T, D]
        var signedSin = cat([freqs.sin().neg_(), freqs.sin()], -1).unsqueeze(1);  // [B, 1, T, D]: (−sin, sin)
        return scope.MoveToOuter(emb.cos().to(dtype), signedSin.to(dtype));
    }

    private Tensor InvFreqOn(Device device)
    {
        if (_invFreqOnDevice is null || _invFreqOnDevice.device.type != device.type || _invFreqOnDevice.device.index != device.index)
        {
            _invFreqOnDevice?.Dispose();
            _invFreqOnDevice = tensor(_invFreq, device: device).DetachFromDisposeScope();
        }
        return _invFreqOnDevice;
    }

    /// <summary>
    /// Rotates <paramref name="x"/> [B, heads, T, D] by the tables from <see cref="Tables"/>:
    /// <c>x·cos + rotate_half(x)·sin</c>, where <c>rotate_half(x)·sin = roll(x, D/2)·(−sin, sin)</c>.
    /// </summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor signedSin)
    {
        using var scope = NewDisposeScope();
        var swapped = x.roll(x.shape[^1] / 2, -1);                                // (x2, x1)
        return (x * cos).addcmul_(swapped, signedSin, 1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => _invFreqOnDevice?.Dispose();
}
