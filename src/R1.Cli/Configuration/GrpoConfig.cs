namespace R1.Cli.Configuration;

/// <summary>The <c>grpo:</c> section: GRPO with verifiable rewards (<c>GrpoTrainer</c>).</summary>
internal sealed class GrpoConfig : CommonConfig
{
    /// <summary>Optimizer steps. Default 100.</summary>
    public int? MaxSteps { get; set; }

    /// <summary>Prompts per step. Default 8.</summary>
    public int? PromptsPerStep { get; set; }

    /// <summary>G, completions per prompt. Default 8.</summary>
    public int? NumGenerations { get; set; }

    /// <summary>Learning rate. Default 3e-6 (the paper; tiny models from scratch want ~1e-4).</summary>
    public double? LearningRate { get; set; }

    /// <summary>β, the KL weight. Default 0.04.</summary>
    public double? Beta { get; set; }

    /// <summary>Reward weights by name: <c>math</c>, <c>format</c>, <c>language</c>, <c>code</c>. Default math 1, format 0.5.</summary>
    public Dictionary<string, double>? Rewards { get; set; }

    /// <summary>Held-out questions (same fields as <c>data</c>): greedy accuracy at the end, and every <see cref="EvalEvery"/> steps.</summary>
    public DataConfig? EvalData { get; set; }

    /// <summary>Evaluate on <see cref="EvalData"/> every this many steps; 0 or unset: only at the end.</summary>
    public int? EvalEvery { get; set; }

    /// <summary>Train LoRA adapters only (see <see cref="LoraConfig"/>). Default unset: full fine-tuning.</summary>
    public LoraConfig? Lora { get; set; }

    /// <summary>Rollouts on remote OpenAI-compatible servers (see <see cref="RolloutConfig"/>). Default unset: in this process.</summary>
    public RolloutConfig? Rollout { get; set; }

    /// <inheritdoc />
    public override void ResolvePaths(string baseDirectory)
    {
        base.ResolvePaths(baseDirectory);
        if (EvalData?.Path is { } path) EvalData.Path = Path.GetFullPath(path, baseDirectory);
        if (Rollout?.SyncDirectory is { } sync) Rollout.SyncDirectory = Path.GetFullPath(sync, baseDirectory);
    }
}
