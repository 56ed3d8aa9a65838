using TorchSharp;
using static TorchSharp.torch;

namespace R1.Rollout.Models;

/// <summary>
/// Gradient checkpointing of one decoder layer as a custom autograd function: the forward runs the layer without building a
/// graph and keeps only its input (and the shared RoPE tables and mask); the backward runs the layer again with grad enabled and
/// backpropagates the incoming gradient through it, which accumulates the layer's parameter gradients and returns the input's.
/// </summary>
/// <remarks>
/// The recomputation must repeat the forward exactly. The base layers have no randomness; for a layer with dropout (a LoRA
/// adapter's) the forward keeps the global CPU generator's state and the backward replays it (a CUDA generator is not replayed).
/// </remarks>
internal sealed class CheckpointedLayer : autograd.SingleTensorFunction<CheckpointedLayer>
{
    private const string LayerKey = "layer", RngKey = "rng";

    /// <inheritdoc />
    public override string Name => nameof(CheckpointedLayer);

    /// <summary>
    /// <paramref name="layer"/> applied to <paramref name="x"/>, checkpointed. An input that needs no gradient (a frozen embedding
    /// under LoRA) is made a leaf that does, so the recomputation still reaches the layer's trainable parameters.
    /// </summary>
    public static Tensor Apply(DecoderLayer layer, Tensor x, AttentionContext ctx)
    {
        if (!x.requires_grad) x = x.detach().requires_grad_(true);
        return apply(x, ctx.Cos, ctx.Sin, ctx.Mask, layer);
    }

    /// <inheritdoc />
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (x, cos, sin, mask) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (Tensor)vars[3]);
        ctx.save_for_backward([x, cos, sin, mask]);
        ctx.save_data(LayerKey, vars[4]);
        using (var rng = get_rng_state()) ctx.save_data(RngKey, rng.data<byte>().ToArray());
        // Grad stays on here so that the layer behaves as in a training pass (a LoRA adapter's dropout acts only with grad on, as it
        // does in the recomputation); the graph it builds is dropped with the scope: only the detached output leaves.
        using var scope = NewDisposeScope();
        using (enable_grad())
            return ((DecoderLayer)vars[4]).forward(x.detach(), new AttentionContext(cos, sin, mask, null)).detach().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        using var scope = NewDisposeScope();
        var saved = ctx.get_saved_variables();
        var layer = (DecoderLayer)ctx.get_data(LayerKey);
        var current = get_rng_state();
        set_rng_state(tensor((byte[])ctx.get_data(RngKey)));
        try
        {
            using var grad = enable_grad();
            var x = saved[0].detach().requires_grad_(true);
            var y = layer.forward(x, new AttentionContext(saved[1], saved[2], saved[3], null));
            y.backward([grad_output]);
            return [x.grad!.MoveToOuterDisposeScope(), null!, null!, null!, null!];
        }
        finally
        {
            set_rng_state(current);
        }
    }
}
