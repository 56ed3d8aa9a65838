using R1.Rollout.Lora;
using R1.Rollout.Models;

namespace R1.MLNet.Training;

/// <summary>The byte counts <see cref="MemoryPlanner"/> adds up, for one model config, precision and LoRA setting.</summary>
internal sealed class MemoryShape
{
    private readonly ModelConfig _c;
    private readonly long _w;                       // bytes per weight/activation element: 4 (float32) or 2 (bf16)

    public MemoryShape(ModelConfig config, TrainingPrecision precision, LoraOptions? lora)
    {
        _c = config;
        _w = precision == TrainingPrecision.BFloat16Mixed ? 2 : 4;
        Lora = lora;
        Parameters = CountParameters();
        Trainable = lora is null ? Parameters : CountAdapters(lora);
    }

    public LoraOptions? Lora { get; }

    public long Parameters { get; }

    public long Trainable { get; }

    private long Hidden => _c.HiddenSize;

    private long QueryWidth => (long)_c.NumAttentionHeads * _c.HeadDim;

    private long KvWidth => (long)_c.KeyValueHeads * _c.HeadDim;

    /// <summary>What lives for the whole run: weights, reference, adapters, masters, gradients, AdamW moments.</summary>
    public List<MemoryItem> Static(bool withReference)
    {
        var items = new List<MemoryItem> { new(_w == 2 ? "weights (bf16)" : "weights (fp32)", Parameters * _w) };
        if (withReference) items.Add(new("KL reference copy", Parameters * _w));
        if (Lora is not null) items.Add(new($"LoRA adapters (r={Lora.Rank})", Trainable * _w));
        if (_w == 2) items.Add(new("fp32 master weights", Trainable * 4));
        items.Add(new("fp32 gradients", Trainable * 4));
        items.Add(new("AdamW moments (fp32)", Trainable * 8));
        return items;
    }

    /// <summary>
    /// The optimizer step's transient: TorchSharp's <c>AdamW.step</c> keeps each parameter's <c>sqrt(v)</c> and denominator (two
    /// fp32 tensors of its size) until the whole step ends, so the step adds 8 bytes per trainable parameter at its peak.
    /// </summary>
    public long OptimizerStep => Trainable * 8;

    /// <summary>Keys and values of every layer for <paramref name="rows"/> sequences of <paramref name="tokens"/>.</summary>
    public long KvCache(long rows, long tokens) => 2 * _c.NumHiddenLayers * rows * tokens * KvWidth * _w;

    /// <summary>The old/reference scoring of the whole batch without grad: logits plus their fp32 copy and log-softmax.</summary>
    public long NoGradLogits(long rows, long completion) => rows * completion * _c.VocabSize * (_w + 8);

    /// <summary>Logits of one micro-batch with grad: the model-dtype logits, the fp32 log-softmax, its gradient and the entropy.</summary>
    public long Logits(long rows, long completion) => rows * completion * _c.VocabSize * (_w + 12);

    /// <summary>What a backward keeps of the decoder for <paramref name="rows"/> × <paramref name="tokens"/>.</summary>
    public long Activations(long rows, long tokens, bool checkpointing)
    {
        long perToken = PerLayerPerToken(tokens);
        long layers = _c.NumHiddenLayers, n = rows * tokens;
        long embeddingAndNorm = 3 * Hidden * n * _w;
        if (!checkpointing) return embeddingAndNorm + layers * perToken * n * _w;
        return embeddingAndNorm + layers * Hidden * n * _w + perToken * n * _w;
    }

    /// <summary>
    /// Elements kept per token by one layer: two norms (input, fp32 copy, output), q/k/v and their rotated copies, the attention
    /// scores and probabilities over <paramref name="keys"/> keys per head, the attention output, the residuals, and the MLP's
    /// gate, up, activation and product.
    /// </summary>
    private long PerLayerPerToken(long keys) =>
        2 * 3 * Hidden + 2 * (QueryWidth + 2 * KvWidth) + 2 * _c.NumAttentionHeads * keys + QueryWidth + 3 * Hidden
        + 4L * _c.IntermediateSize;

    private long CountParameters()
    {
        long h = Hidden, layers = _c.NumHiddenLayers;
        long attention = h * QueryWidth + 2 * h * KvWidth + QueryWidth * h;
        if (_c.QkvBias) attention += QueryWidth + 2 * KvWidth;
        if (_c.OutputBias) attention += h;
        long mlp = 3 * h * _c.IntermediateSize;
        long embedding = (long)_c.VocabSize * h * (_c.TieWordEmbeddings ? 1 : 2);
        return embedding + layers * (attention + mlp + 2 * h) + h;
    }

    private long CountAdapters(LoraOptions lora)
    {
        long h = Hidden, i = _c.IntermediateSize;
        long perLayer = lora.Targets.Sum(t => t switch
        {
            "q_proj" => h + QueryWidth,
            "k_proj" or "v_proj" => h + KvWidth,
            "o_proj" => QueryWidth + h,
            _ => h + i,                                  // gate_proj, up_proj, down_proj
        });
        return lora.Rank * perLayer * _c.NumHiddenLayers;
    }
}
