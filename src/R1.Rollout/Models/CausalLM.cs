using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace R1.Rollout.Models;

/// <summary>
/// A decoder-only language model matching Hugging Face Qwen2/Qwen3/Llama (<c>Qwen2ForCausalLM</c>, <c>Qwen3ForCausalLM</c>,
/// <c>LlamaForCausalLM</c>): GQA, RoPE, RMSNorm, SwiGLU, optional q/k/v bias, Qwen3's per-head q/k norm, tied or untied embeddings.
/// Parameter names equal HF's (<c>model.layers.0.self_attn.q_proj.weight</c>, …).
/// </summary>
public sealed class CausalLM : nn.Module<Tensor, Tensor?, Tensor?, KvCache?, Tensor>
{
    private readonly DecoderModel model;
    private readonly Linear? lm_head;
    private readonly RotaryEmbedding _rope;

    /// <summary>Creates a model with PyTorch's default initialization (see <see cref="InitializeWeights"/>).</summary>
    public CausalLM(ModelConfig config) : base(CheckedName())
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config.Clone();
        model = new DecoderModel(Config);
        if (!Config.TieWordEmbeddings) lm_head = nn.Linear(Config.HiddenSize, Config.VocabSize, hasBias: false);
        _rope = new RotaryEmbedding(Config);
        RegisterComponents();
    }

    /// <summary>Runs the native-library check before the base constructor touches libtorch.</summary>
    private static string CheckedName()
    {
        R1.Rollout.Runtime.TorchRuntime.EnsureAvailable();
        return "CausalLM";
    }

    /// <summary>The configuration (a private copy).</summary>
    public ModelConfig Config { get; }

    /// <summary>
    /// Gradient checkpointing per decoder layer: a forward with grad enabled and no KV cache keeps only each layer's input and
    /// recomputes the layer in the backward (less activation memory for about one more forward of compute). The values and
    /// gradients are the same as without it. Default <see langword="false"/>; the trainers set it from their memory options.
    /// </summary>
    public bool GradientCheckpointing
    {
        get => model.GradientCheckpointing;
        set => model.GradientCheckpointing = value;
    }

    /// <summary>
    /// Logits [B, T, V] for <paramref name="inputIds"/> [B, T].
    /// <paramref name="attentionMask"/> [B, S] (1 = attend) covers the cached past and the current tokens (S = past + T); null means all ones.
    /// <paramref name="positionIds"/> [B, T] default to <c>past + arange(T)</c>. With a <paramref name="cache"/>, the new keys and values are
    /// appended to it.
    /// </summary>
    public override Tensor forward(Tensor inputIds, Tensor? attentionMask, Tensor? positionIds, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        return Logits(Hidden(inputIds, attentionMask, positionIds, cache)).MoveToOuterDisposeScope();
    }

    /// <summary>Final-normed hidden states [B, T, hidden]; same arguments as <see cref="forward"/>.</summary>
    public Tensor Hidden(Tensor inputIds, Tensor? attentionMask, Tensor? positionIds, KvCache? cache)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        if (inputIds.dim() != 2)
            throw new ArgumentException($"inputIds must be [batch, tokens]; got shape [{string.Join(", ", inputIds.shape)}].", nameof(inputIds));
        using var scope = NewDisposeScope();
        long b = inputIds.shape[0], t = inputIds.shape[1], past = cache?.Length ?? 0;
        if (past + t > Config.MaxPositionEmbeddings && (positionIds is null || MaxPosition(positionIds) >= Config.MaxPositionEmbeddings))
            throw new ArgumentException(
                $"The sequence ({past + t} tokens) is longer than the model's context (max_position_embeddings = {Config.MaxPositionEmbeddings}).");
        var device = inputIds.device;
        if (positionIds is not null && (positionIds.dim() != 2 || positionIds.shape[0] != b || positionIds.shape[1] != t))
            throw new ArgumentException(
                $"positionIds must be [{b}, {t}] like inputIds; got [{string.Join(", ", positionIds.shape)}].", nameof(positionIds));
        positionIds ??= arange(past, past + t, ScalarType.Int64, device).unsqueeze(0).expand(b, t);
        var (cos, sin) = _rope.Tables(positionIds, DType);
        var mask = BuildMask(attentionMask, b, t, past, device);
        var hidden = model.forward(inputIds, new AttentionContext(cos, sin, mask, cache));
        cache?.Advance(t);
        return hidden.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Final-normed hidden states for a prebuilt <paramref name="context"/> (RoPE tables and mask already sliced for these
    /// tokens). Decode loops precompute the tables for their whole budget and skip rebuilding them every step.
    /// </summary>
    internal Tensor Hidden(Tensor inputIds, AttentionContext context)
    {
        using var scope = NewDisposeScope();
        var hidden = model.forward(inputIds, context);
        context.Cache?.Advance(inputIds.shape[1]);
        return hidden.MoveToOuterDisposeScope();
    }

    /// <summary>The largest position id (a host sync, only when the padded width alone exceeds the context).</summary>
    private static long MaxPosition(Tensor positionIds)
    {
        using var max = positionIds.max();
        return max.item<long>();
    }

    /// <summary>RoPE tables [B, 1, S, head_dim] for position ids [B, S], in the model dtype.</summary>
    internal (Tensor Cos, Tensor Sin) RopeTables(Tensor positionIds) => _rope.Tables(positionIds, DType);

    /// <summary>Additive key mask [B, 1, 1, S] (0 = visible) from a 0/1 mask [B, S]: the mask of a single-token decode step.</summary>
    internal Tensor KeyPaddingMask(Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        var dtype = DType;
        var hidden = attentionMask.eq(0).unsqueeze(1).unsqueeze(1);                   // [B, 1, 1, S]
        return zeros(hidden.shape, dtype, attentionMask.device).masked_fill_(hidden, HiddenScore(dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>Projects hidden states [..., hidden] to logits [..., V] (through the embedding matrix when tied).</summary>
    public Tensor Logits(Tensor hidden)
    {
        if (lm_head is not null) return lm_head.forward(hidden);
        using var scope = NewDisposeScope();
        return nn.functional.linear(hidden, EmbeddingWeight).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The input embedding matrix [V, hidden]. TorchSharp returns a new handle on each access: read it inside a dispose
    /// scope (or dispose it), or use <see cref="DType"/> / <see cref="Device"/>.
    /// </summary>
    public Parameter EmbeddingWeight => model.EmbeddingWeight;

    /// <summary>The parameter dtype.</summary>
    public ScalarType DType
    {
        get { using var scope = NewDisposeScope(); return EmbeddingWeight.dtype; }
    }

    /// <summary>The device the parameters live on.</summary>
    public Device Device
    {
        get { using var scope = NewDisposeScope(); return EmbeddingWeight.device; }
    }

    /// <summary>
    /// Additive attention mask (0 = visible, a large negative number = hidden) of shape [B, 1, G·T, S] (or [B, 1, 1, S]
    /// when T = 1, broadcast over the query groups): key s is visible to query t when s ≤ past + t and s is not padding.
    /// A padding query still sees itself, so its (ignored) output stays finite.
    /// </summary>
    private Tensor BuildMask(Tensor? attentionMask, long b, long t, long past, Device device)
    {
        using var scope = NewDisposeScope();
        var allowed = AllowedKeys(attentionMask, b, t, past, device);
        var dtype = DType;
        var additive = zeros(allowed.shape, dtype, device).masked_fill_(allowed.logical_not(), HiddenScore(dtype));
        return additive.MoveToOuterDisposeScope();
    }

    /// <summary>The most negative finite score of <paramref name="dtype"/> (HF's <c>finfo.min</c>): hides a key without NaNs.</summary>
    private static double HiddenScore(ScalarType dtype) => dtype switch
    {
        ScalarType.Float16 => -65504.0,
        ScalarType.BFloat16 => -3.3895313892515355e38,
        _ => float.MinValue,
    };

    private Tensor AllowedKeys(Tensor? attentionMask, long b, long t, long past, Device device)
    {
        using var scope = NewDisposeScope();
        long s = past + t;
        if (attentionMask is not null && (attentionMask.dim() != 2 || attentionMask.shape[0] != b || attentionMask.shape[1] != s))
            throw new ArgumentException(
                $"attentionMask must be [{b}, {s}] (past {past} + current {t}); got [{string.Join(", ", attentionMask.shape)}].");
        var keys = arange(s, ScalarType.Int64, device).unsqueeze(0);                 // [1, S]
        var queries = arange(past, s, ScalarType.Int64, device).unsqueeze(1);        // [T, 1]
        var causal = keys <= queries;                                                // [T, S]
        Tensor allowed = causal.unsqueeze(0).unsqueeze(0);                           // [1, 1, T, S]
        if (attentionMask is not null)
        {
            var keep = attentionMask.to(ScalarType.Bool).to(device).unsqueeze(1).unsqueeze(1); // [B, 1, 1, S]
            allowed = allowed & (keep | (keys == queries).unsqueeze(0).unsqueeze(0));          // [B, 1, T, S]
        }
        int groups = Config.NumAttentionHeads / Config.KeyValueHeads;
        if (t == 1) return allowed.expand(b, 1, 1, s).MoveToOuterDisposeScope();     // broadcasts over the G query rows
        allowed = allowed.expand(b, 1, t, s);
        if (groups > 1) allowed = allowed.repeat(1, 1, groups, 1);                   // [B, 1, G·T, S]
        return allowed.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Re-initializes every weight reproducibly: linear and embedding weights ~ N(0, 0.02), biases 0, norm weights 1
    /// (HF's <c>initializer_range</c> scheme).
    /// </summary>
    public void InitializeWeights(long seed)
    {
        using var gen = new Generator((ulong)seed, Device);
        using var noGrad = no_grad();
        foreach (var (name, p) in named_parameters())
        {
            if (name.EndsWith("layernorm.weight") || name.EndsWith("norm.weight")) p.fill_(1.0);
            else if (name.EndsWith(".bias")) p.zero_();
            else p.normal_(0.0, 0.02, gen);
        }
    }

    /// <summary>Number of parameters (tied embeddings counted once).</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _rope.Dispose();
        base.Dispose(disposing);
    }
}
