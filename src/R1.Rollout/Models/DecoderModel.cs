using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace R1.Rollout.Models;

/// <summary>The transformer body (HF's <c>model.</c> prefix): token embedding, the decoder layers and the final norm.</summary>
internal sealed class DecoderModel : nn.Module<Tensor, AttentionContext, Tensor>
{
    private readonly Embedding embed_tokens;
    private readonly ModuleList<DecoderLayer> layers;
    private readonly RmsNorm norm;

    /// <summary>Creates the body for <paramref name="config"/>.</summary>
    public DecoderModel(ModelConfig config) : base("model")
    {
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        layers = new ModuleList<DecoderLayer>(Enumerable.Range(0, config.NumHiddenLayers).Select(i => new DecoderLayer(config, i)).ToArray());
        norm = new RmsNorm("norm", config.HiddenSize, config.RmsNormEps);
        RegisterComponents();
    }

    /// <summary>The embedding matrix [vocab, hidden] (also the output projection when embeddings are tied).</summary>
    public Parameter EmbeddingWeight => embed_tokens.weight!;

    /// <summary>
    /// Whether a forward with grad enabled and no KV cache recomputes each layer in the backward (see <see cref="CheckpointedLayer"/>).
    /// </summary>
    public bool GradientCheckpointing { get; set; }

    /// <summary>Final-normed hidden states [B, T, hidden] for <paramref name="inputIds"/> [B, T].</summary>
    public override Tensor forward(Tensor inputIds, AttentionContext ctx)
    {
        using var scope = NewDisposeScope();
        var x = embed_tokens.forward(inputIds);
        bool checkpoint = GradientCheckpointing && ctx.Cache is null && is_grad_enabled();
        foreach (var layer in layers) x = checkpoint ? CheckpointedLayer.Apply(layer, x, ctx) : layer.forward(x, ctx);
        return norm.forward(x).MoveToOuterDisposeScope();
    }
}
