namespace R1.Cli.Configuration;

/// <summary>The <c>eval:</c> section: a benchmark in the paper's protocol (k samples, T 0.6, top-p 0.95, pass@1, cons@k).</summary>
internal sealed class EvalConfig : CommonConfig
{
    /// <summary>
    /// <c>gsm8k</c>, <c>math500</c>, <c>aime24</c>, <c>humaneval</c>, or <c>custom</c> (any data with prompt and answer). Default custom.
    /// </summary>
    public string? Benchmark { get; set; }

    /// <summary>k, samples per question. Default 4.</summary>
    public int? Samples { get; set; }

    /// <summary>Evaluate only the first N questions. Default all.</summary>
    public int? Limit { get; set; }

    /// <summary>Questions per batched generate call. Default 8.</summary>
    public int? BatchSize { get; set; }
}
