using R1.Rollout.Lora;
using R1.Rollout.Models;

namespace R1.MLNet.Training;

/// <summary>
/// Estimates a run's peak memory before it starts, from the model config, the batch, the sequence length and the options; the
/// trainers log it and, with <see cref="TrainingMemoryOptions.BudgetGiB"/> set, refuse a run that does not fit, naming the
/// options that would make it fit.
/// </summary>
/// <remarks>
/// What it counts: the weights (4 bytes a parameter in float32, 2 in bf16) and, for GRPO with β &gt; 0 and no LoRA, the frozen
/// reference; for the trainable parameters (all of them, or the LoRA adapters: r·(in + out) per target projection per layer)
/// fp32 gradients, two fp32 AdamW moments and, under bf16 mixed precision, fp32 master weights; the activations a backward keeps
/// (per layer and token: the projections, the MLP's intermediates and the attention scores; with gradient checkpointing only
/// each layer's input plus one layer recomputed); the logits [rows, completion, vocab] in the model dtype plus their fp32
/// log-softmax and its gradient; the rollout's KV cache; the optimizer step's temporaries (TorchSharp's AdamW keeps two fp32
/// tensors per parameter until the step ends); and a fixed runtime overhead (libtorch, .NET).
/// It is an estimate: the bench (<c>bench scale</c>) prints it beside the measured peak.
/// </remarks>
public static class MemoryPlanner
{
    private const long RuntimeBytes = 512L << 20;

    /// <summary>The estimate for a GRPO run over prompts of up to <paramref name="promptTokens"/> tokens (formatted).</summary>
    public static MemoryEstimate ForGrpo(ModelConfig config, GrpoOptions options, int promptTokens)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var shape = new MemoryShape(config, options.Memory.Precision, options.Lora);
        long rows = (long)options.PromptsPerStep * options.NumGenerations, micro = rows / options.GradientAccumulationSteps;
        long completion = options.Sampling.MaxNewTokens, sequence = promptTokens + completion;
        var items = shape.Static(withReference: options.Loss.Beta > 0 && options.Lora is null);
        items.Add(new(MemoryEstimate.MemoryPhase + "rollout (KV cache)", shape.KvCache(rows, sequence)));
        items.Add(new(MemoryEstimate.MemoryPhase + "scoring (no-grad logits)", shape.NoGradLogits(rows, completion)));
        items.Add(new(MemoryEstimate.MemoryPhase + "learning (activations + logits)",
            shape.Activations(micro, sequence, options.Memory.GradientCheckpointing) + shape.Logits(micro, completion)));
        items.Add(new(MemoryEstimate.MemoryPhase + "optimizer step (AdamW temporaries)", shape.OptimizerStep));
        return Finish(items);
    }

    /// <summary>
    /// The estimate for an SFT run whose longest row has <paramref name="sequenceTokens"/> tokens (prompt + response), of
    /// which <paramref name="responseTokens"/> are the response.
    /// </summary>
    public static MemoryEstimate ForSft(ModelConfig config, SftOptions options, int sequenceTokens, int responseTokens)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var shape = new MemoryShape(config, options.Memory.Precision, options.Lora);
        var items = shape.Static(withReference: false);
        items.Add(new(MemoryEstimate.MemoryPhase + "learning (activations + logits)",
            shape.Activations(options.BatchSize, sequenceTokens, options.Memory.GradientCheckpointing)
            + shape.Logits(options.BatchSize, responseTokens)));
        items.Add(new(MemoryEstimate.MemoryPhase + "optimizer step (AdamW temporaries)", shape.OptimizerStep));
        return Finish(items);
    }

    /// <summary>The parameters of <paramref name="config"/> (tied embeddings counted once), computed from the shapes.</summary>
    public static long ParameterCount(ModelConfig config) => new MemoryShape(config, TrainingPrecision.Float32, null).Parameters;

    /// <summary>The LoRA adapter parameters <paramref name="lora"/> adds to <paramref name="config"/>: r·(in + out) per target and layer.</summary>
    public static long AdapterParameterCount(ModelConfig config, LoraOptions lora) =>
        new MemoryShape(config, TrainingPrecision.Float32, lora).Trainable;

    private static MemoryEstimate Finish(List<MemoryItem> items)
    {
        items.Add(new("runtime (libtorch, .NET)", RuntimeBytes));
        var peak = items.Where(i => i.Name.StartsWith(MemoryEstimate.MemoryPhase, StringComparison.Ordinal)).MaxBy(i => i.Bytes);
        return new MemoryEstimate(items, peak?.Name[MemoryEstimate.MemoryPhase.Length..] ?? "none");
    }
}
