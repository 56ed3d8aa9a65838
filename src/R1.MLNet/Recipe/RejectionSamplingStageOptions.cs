using R1.MLNet.Training;

namespace R1.MLNet.Recipe;

/// <summary>Stage 3 of <see cref="R1Recipe"/>: rejection sampling from the previous stage's policy, then SFT on what was kept.</summary>
public sealed class RejectionSamplingStageOptions
{
    /// <summary>
    /// The sampler's settings (k, temperature, top-p, the correctness thresholds, the readability filters). Its
    /// <see cref="RejectionSamplingOptions.OutputPath"/> is replaced by the stage's own file, so a stopped stage resumes. Default
    /// the sampler's defaults.
    /// </summary>
    public RejectionSamplingOptions Sampler { get; set; } = new();

    /// <summary>
    /// The SFT on the kept samples (and the non-reasoning rows). Its checkpoint folder and resume point are set by the recipe;
    /// <see cref="CheckpointOptions.Every"/> and <see cref="CheckpointOptions.KeepLast"/> are kept. Default the trainer's defaults.
    /// </summary>
    public SftOptions Sft { get; set; } = new();

    /// <summary>
    /// Fine-tune the base model (the recipe's input, as the paper does) instead of the policy that produced the samples.
    /// Default <see langword="false"/>: continue from the sampling policy.
    /// </summary>
    public bool FromBase { get; set; }

    /// <summary>A copy whose groups are copies too.</summary>
    public RejectionSamplingStageOptions Clone() => new() { Sampler = Sampler?.Clone()!, Sft = Sft?.Clone()!, FromBase = FromBase };

    internal void Validate(Func<SftOptions, SftOptions?> withCheckpointFolder)
    {
        if (Sampler is null) throw new ArgumentNullException(nameof(Sampler), "R1RecipeOptions.RejectionSampling.Sampler must not be null.");
        if (Sft is null) throw new ArgumentNullException(nameof(Sft), "R1RecipeOptions.RejectionSampling.Sft must not be null.");
        Sampler.Validate();
        withCheckpointFolder(Sft)!.Validate();
    }
}
