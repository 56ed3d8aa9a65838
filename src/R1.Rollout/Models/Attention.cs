using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace R1.Rollout.Models;

/// <summary>
/// Grouped-query self-attention with RoPE. Query head h reads key/value head h / (heads / kv_heads), as HF's
/// <c>repeat_interleave</c> does, but without copying K/V: the queries of one group are stacked instead.
/// Qwen3 RMS-norms each query and key head (<c>q_norm</c>/<c>k_norm</c>, weight [head_dim]) before RoPE.
/// </summary>
internal sealed class Attention : nn.Module<Tensor, AttentionContext, Tensor>
{
    private readonly Projection q_proj, k_proj, v_proj, o_proj;
    private readonly RmsNorm? q_norm, k_norm;
    private readonly int _layer, _heads, _kvHeads, _headDim;

    /// <summary>Creates the projections for layer <paramref name="layer"/>.</summary>
    public Attention(ModelConfig config, int layer) : base("self_attn")
    {
        _layer = layer;
        _heads = config.NumAttentionHeads;
        _kvHeads = config.KeyValueHeads;
        _headDim = config.HeadDim;
        q_proj = new Projection("q_proj", config.HiddenSize, _heads * _headDim, config.QkvBias);
        k_proj = new Projection("k_proj", config.HiddenSize, _kvHeads * _headDim, config.QkvBias);
        v_proj = new Projection("v_proj", config.HiddenSize, _kvHeads * _headDim, config.QkvBias);
        o_proj = new Projection("o_proj", _heads * _headDim, config.HiddenSize, config.OutputBias);
        if (config.QkNorm)
        {
            q_norm = new RmsNorm("q_norm", _headDim, config.RmsNormEps);
            k_norm = new RmsNorm("k_norm", _headDim, config.RmsNormEps);
        }
        RegisterComponents();
    }

    /// <summary>Attends <paramref name="x"/> [B, T, hidden] to the past (from the cache) and itself.</summary>
    public override Tensor forward(Tensor x, AttentionContext ctx)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1];
        var q = PerHeadNorm(q_norm, q_proj.forward(x).view(b, t, _heads, _headDim)).transpose(1, 2);      // [B, H, T, D]
        var k = PerHeadNorm(k_norm, k_proj.forward(x).view(b, t, _kvHeads, _headDim)).transpose(1, 2);    // [B, KV, T, D]
        var v = v_proj.forward(x).view(b, t, _kvHeads, _headDim).transpose(1, 2);    // [B, KV, T, D]
        q = RotaryEmbedding.Apply(q, ctx.Cos, ctx.Sin);
        k = RotaryEmbedding.Apply(k, ctx.Cos, ctx.Sin);
        if (ctx.Cache is { } cache) (k, v) = cache.Append(_layer, k, v);              // [B, KV, S, D]
        int groups = _heads / _kvHeads;
        q = q.reshape(b, _kvHeads, groups * t, _headDim);                             // [B, KV, G·T, D]
        var y = nn.functional.scaled_dot_product_attention(q, k, v, ctx.Mask);        // [B, KV, G·T, D]
        y = y.view(b, _heads, t, _headDim).transpose(1, 2).reshape(b, t, _heads * _headDim); // [B, T, H·D]
        return o_proj.forward(y).MoveToOuterDisposeScope();
    }

    private static Tensor PerHeadNorm(RmsNorm? norm, Tensor heads) => norm is null ? heads : norm.forward(heads);
}
