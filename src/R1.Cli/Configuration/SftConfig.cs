namespace R1.Cli.Configuration;

/// <summary>The <c>sft:</c> section: supervised fine-tuning on prompt/response rows (<c>SftTrainer</c>).</summary>
internal sealed class SftConfig : CommonConfig
{
    /// <summary>Passes over the data (when <see cref="MaxSteps"/> is not set). Default 1.</summary>
    public int? Epochs { get; set; }

    /// <summary>Optimizer steps; 0 or unset derives them from <see cref="Epochs"/>.</summary>
    public int? MaxSteps { get; set; }

    /// <summary>Examples per step. Default 16.</summary>
    public int? BatchSize { get; set; }

    /// <summary>Peak learning rate. Default 1e-4.</summary>
    public double? LearningRate { get; set; }
}
