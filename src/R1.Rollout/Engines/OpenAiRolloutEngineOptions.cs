namespace R1.Rollout.Engines;

/// <summary>Settings of an <see cref="OpenAiCompatibleRolloutEngine"/>.</summary>
public sealed class OpenAiRolloutEngineOptions
{
    /// <summary>
    /// Base URLs of the servers, e.g. <c>http://10.0.0.5:8000</c> (the <c>/v1/...</c> paths are appended). At least one. Default none.
    /// </summary>
    public IReadOnlyList<Uri> Endpoints { get; set; } = [];

    /// <summary>The model id every server must serve (sent as <c>model</c>; a LoRA adapter's name once adapters are synced). Required.</summary>
    public string Model { get; set; } = "";

    /// <summary>Most requests in flight on one endpoint at a time. Default 8.</summary>
    public int MaxConcurrencyPerEndpoint { get; set; } = 8;

    /// <summary>
    /// Limit of one attempt of one request (one prompt's G samples), from when it is sent (waiting for a slot is not counted).
    /// Default 120 s.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries of a failed attempt (transport error, timeout, 5xx or 429), each on another endpoint when there is one. Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Delay before the first retry; it doubles for each further one (with jitter). Default 0.5 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Sent as a bearer token when set. Default null (no Authorization header).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Endpoints is null || Endpoints.Count == 0) throw new ArgumentException("Endpoints must name at least one server base URL.");
        if (Endpoints.Any(e => e is null || !e.IsAbsoluteUri)) throw new ArgumentException("Endpoints must be absolute URLs.");
        if (string.IsNullOrWhiteSpace(Model)) throw new ArgumentException("Model must name the served model id.");
        if (MaxConcurrencyPerEndpoint <= 0)
            throw new ArgumentException($"MaxConcurrencyPerEndpoint must be positive (got {MaxConcurrencyPerEndpoint}).");
        if (Timeout <= TimeSpan.Zero) throw new ArgumentException($"Timeout must be positive (got {Timeout}).");
        if (MaxRetries < 0) throw new ArgumentException($"MaxRetries must be ≥ 0 (got {MaxRetries}).");
        if (RetryDelay < TimeSpan.Zero) throw new ArgumentException($"RetryDelay must be ≥ 0 (got {RetryDelay}).");
    }
}
