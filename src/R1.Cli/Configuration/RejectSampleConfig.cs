namespace R1.Cli.Configuration;

/// <summary>The <c>rejectSample:</c> section: k samples per prompt, kept when correct and readable (<c>RejectionSampler</c>).</summary>
internal sealed class RejectSampleConfig : CommonConfig
{
    /// <summary>k, samples per prompt. Default 4.</summary>
    public int? Samples { get; set; }

    /// <summary>Prompts per generation batch. Default 16.</summary>
    public int? BatchSize { get; set; }

    /// <summary>Also write the dropped samples, with their reason. Default false.</summary>
    public bool? IncludeRejected { get; set; }

    /// <summary>Reward weights by name (correctness: math, code). Default math 1, format 0.5.</summary>
    public Dictionary<string, double>? Rewards { get; set; }
}
