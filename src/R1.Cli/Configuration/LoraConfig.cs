namespace R1.Cli.Configuration;

/// <summary>The <c>grpo.lora:</c> section: train LoRA adapters only, the base frozen (<c>GrpoOptions.Lora</c>).</summary>
internal sealed class LoraConfig
{
    /// <summary>r, the rank of each update. Default 16.</summary>
    public int? Rank { get; set; }

    /// <summary>α: the update is scaled by α / r. Default 32.</summary>
    public double? Alpha { get; set; }

    /// <summary>Dropout on the adapter's input while training. Default 0.05.</summary>
    public double? Dropout { get; set; }

    /// <summary>The projections that get adapters (<c>q_proj</c>, …, <c>down_proj</c>). Default all seven.</summary>
    public string[]? TargetModules { get; set; }
}
