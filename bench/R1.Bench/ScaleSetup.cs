using R1.MLNet.Training;
using R1.Rollout.Lora;
using R1.Rollout.Models;
using static TorchSharp.torch;

namespace R1.Bench;

/// <summary>One set-up of the <c>scale</c> bench: the policy dtype and the trainer's memory and LoRA options.</summary>
internal sealed record ScaleSetup(string Name, string Label, ScalarType DType, TrainingPrecision Precision, bool Lora, bool Checkpointing)
{
    public static IReadOnlyList<ScaleSetup> All { get; } =
    [
        new("fp32", "full fp32", ScalarType.Float32, TrainingPrecision.Float32, Lora: false, Checkpointing: false),
        new("bf16", "bf16 mixed", ScalarType.BFloat16, TrainingPrecision.BFloat16Mixed, Lora: false, Checkpointing: false),
        new("lora", "LoRA r=16, bf16 base", ScalarType.BFloat16, TrainingPrecision.BFloat16Mixed, Lora: true, Checkpointing: false),
        new("lora-ckpt", "LoRA r=16 + grad. ckpt", ScalarType.BFloat16, TrainingPrecision.BFloat16Mixed, Lora: true, Checkpointing: true),
    ];

    /// <summary>The exact Qwen2.5-0.5B config (Hugging Face <c>Qwen/Qwen2.5-0.5B</c> config.json): 494,032,768 parameters.</summary>
    public static ModelConfig Qwen25HalfB() => new()
    {
        ModelType = "qwen2", VocabSize = 151936, HiddenSize = 896, IntermediateSize = 4864, NumHiddenLayers = 24, NumAttentionHeads = 14,
        NumKeyValueHeads = 2, MaxPositionEmbeddings = 32768, RopeTheta = 1_000_000, RmsNormEps = 1e-6, TieWordEmbeddings = true,
    };

    /// <summary>The GRPO options of one step: 2 prompts × G=4, 128 new tokens, β 0.04, μ 1.</summary>
    public GrpoOptions Options(int prompts, int g, int newTokens) => new()
    {
        MaxSteps = 1, PromptsPerStep = prompts, NumGenerations = g, Seed = 1,
        Sampling = { MaxNewTokens = newTokens },
        Optimizer = { LearningRate = 1e-6 },
        Lora = Lora ? new LoraOptions { Rank = 16, Alpha = 32, Dropout = 0 } : null,
        Memory = { Precision = Precision, GradientCheckpointing = Checkpointing },
    };
}
