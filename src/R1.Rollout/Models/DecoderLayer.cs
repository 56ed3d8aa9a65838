using TorchSharp;
using static TorchSharp.torch;

namespace R1.Rollout.Models;

/// <summary>One pre-norm transformer block: <c>x + attn(norm(x))</c>, then <c>x + mlp(norm(x))</c>.</summary>
internal sealed class DecoderLayer : nn.Module<Tensor, AttentionContext, Tensor>
{
    private readonly Attention self_attn;
    private readonly Mlp mlp;
    private readonly RmsNorm input_layernorm, post_attention_layernorm;

    /// <summary>Creates layer number <paramref name="index"/>.</summary>
    public DecoderLayer(ModelConfig config, int index) : base($"layer{index}")
    {
        self_attn = new Attention(config, index);
        mlp = new Mlp(config);
        input_layernorm = new RmsNorm("input_layernorm", config.HiddenSize, config.RmsNormEps);
        post_attention_layernorm = new RmsNorm("post_attention_layernorm", config.HiddenSize, config.RmsNormEps);
        RegisterComponents();
    }

    /// <summary>Applies the block to <paramref name="x"/> [B, T, hidden].</summary>
    public override Tensor forward(Tensor x, AttentionContext ctx)
    {
        using var scope = NewDisposeScope();
        var h = x + self_attn.forward(input_layernorm.forward(x), ctx);
        return (h + mlp.forward(post_attention_layernorm.forward(h))).MoveToOuterDisposeScope();
    }
}
