namespace R1.Rollout.Lora;

/// <summary>
/// Low-rank adapters (LoRA, Hu et al. 2021) as PEFT defines them: each target projection W gets a trainable update
/// <c>(alpha / rank) · B·A</c> with A [rank, in] and B [out, rank], B starting at zero so training starts from the base model.
/// Only the adapters train; the base weights stay frozen (and may stay bf16). Saved and loaded in PEFT's layout
/// (<c>adapter_config.json</c> + <c>adapter_model.safetensors</c>).
/// </summary>
public sealed class LoraOptions
{
    /// <summary>The projections that receive adapters in every decoder layer.</summary>
    public static IReadOnlyList<string> AllProjections { get; } =
        ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    /// <summary>r: the rank of each update. Default 16.</summary>
    public int Rank { get; set; } = 16;

    /// <summary>α: the update is scaled by α / r. Default 32 (2 × the default rank).</summary>
    public double Alpha { get; set; } = 32;

    /// <summary>Dropout on the adapter's input while training (0 = none). Default 0.05.</summary>
    public double Dropout { get; set; } = 0.05;

    /// <summary>
    /// The projection names that receive adapters (HF module names, as in PEFT's <c>target_modules</c>). Default
    /// <see langword="null"/>: all seven (<see cref="AllProjections"/>). (Null rather than a pre-filled array, because configuration
    /// binding appends to a pre-filled array.)
    /// </summary>
    public string[]? TargetModules { get; set; }

    /// <summary>Seed of A's initialisation (Kaiming-uniform, as PEFT). Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>The target names in effect.</summary>
    public IReadOnlyList<string> Targets => TargetModules ?? AllProjections;

    /// <summary>α / r.</summary>
    public double Scaling => Alpha / Rank;

    /// <summary>A copy (the target list is copied too).</summary>
    public LoraOptions Clone()
    {
        var copy = (LoraOptions)MemberwiseClone();
        copy.TargetModules = TargetModules is null ? null : [.. TargetModules];
        return copy;
    }

    /// <summary>Checks every value and throws an <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate(string owner = nameof(LoraOptions))
    {
        if (Rank < 1) throw new ArgumentOutOfRangeException(nameof(Rank), Rank, $"{owner}: LoRA Rank must be at least 1.");
        if (!(Alpha > 0) || double.IsInfinity(Alpha))
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, $"{owner}: LoRA Alpha must be positive and finite.");
        if (!(Dropout >= 0 && Dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, $"{owner}: LoRA Dropout must be in [0, 1).");
        if (TargetModules is { Length: 0 }) throw new ArgumentException($"{owner}: LoRA TargetModules must name at least one projection.");
        foreach (var name in Targets)
            if (!AllProjections.Contains(name))
                throw new ArgumentException($"{owner}: LoRA target '{name}' is not a projection of this model " +
                                            $"(expected some of {string.Join(", ", AllProjections)}).");
    }
}
