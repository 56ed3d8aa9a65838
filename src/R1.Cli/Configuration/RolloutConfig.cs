namespace R1.Cli.Configuration;

/// <summary>
/// The <c>grpo.rollout:</c> section: GRPO's rollouts on OpenAI-compatible servers (vLLM, <c>r1 serve --enable-lora</c>) instead of
/// in this process (<c>GrpoOptions.Rollout</c> with an <c>OpenAiCompatibleRolloutEngine</c>).
/// </summary>
internal sealed class RolloutConfig
{
    /// <summary>The environment variable read for <see cref="ApiKey"/> when the config sets none.</summary>
    public const string ApiKeyVariable = "R1_ROLLOUT_API_KEY";

    /// <summary>The servers' base URLs, e.g. <c>http://10.0.0.5:8000</c>. Default none: rollouts in this process.</summary>
    public List<string>? Endpoints { get; set; }

    /// <summary>The model id the servers serve (their <c>--served-model-name</c> / <c>--model-id</c>). Required with endpoints.</summary>
    public string? Model { get; set; }

    /// <summary>Push the adapter to the servers every this many steps. Default 1.</summary>
    public int? SyncEvery { get; set; }

    /// <summary>
    /// A folder every server can read under the same path, where each push writes the adapter (<c>step-N</c>). Default a fresh
    /// temporary folder (enough for servers on this machine).
    /// </summary>
    public string? SyncDirectory { get; set; }

    /// <summary>Generate step n+1's rollouts while step n learns (one more step off-policy). Default false.</summary>
    public bool? Overlap { get; set; }

    /// <summary>Where π_old comes from: <c>auto</c> (default), <c>engine</c> or <c>local</c>.</summary>
    public string? OldLogProbs { get; set; }

    /// <summary>Most requests in flight per server. Default 8.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>Limit of one request attempt, in seconds. Default 120.</summary>
    public double? TimeoutSeconds { get; set; }

    /// <summary>A bearer token for the servers. Default the <see cref="ApiKeyVariable"/> environment variable, else none.</summary>
    public string? ApiKey { get; set; }
}
