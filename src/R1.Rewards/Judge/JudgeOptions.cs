namespace R1.Rewards.Judge;

/// <summary>Options of <see cref="JudgeReward"/>, bound from the configuration subsection <c>Rewards:Judge</c>.</summary>
public sealed class JudgeOptions
{
    /// <summary>The configuration subsection name, <c>Judge</c>.</summary>
    public const string SectionName = "Judge";

    /// <summary>The model id sent with each request (<c>ChatOptions.ModelId</c>). Default: <see langword="null"/> (the client's default
    /// model).</summary>
    public string? ModelId { get; set; }

    /// <summary>How long one request may take before it counts as failed (and is retried). Default: 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a failed or timed-out request is retried (an unparseable reply is not retried). Default: 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The wait before the first retry; it doubles for each further retry. Default: 500 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many verdicts are kept, keyed by the exact prompt sent; identical queries reuse them. 0 turns the cache off. Default:
    /// 10,000.</summary>
    public int CacheSize { get; set; } = 10_000;

    /// <summary>How many requests run at once per batch. Default: 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>The most output tokens asked for; the verdict is one word. Default: 8.</summary>
    public int MaxOutputTokens { get; set; } = 8;

    /// <summary>The longest final answer sent, in characters; a longer one is cut to its last characters. Default: 2,000.</summary>
    public int MaxAnswerChars { get; set; } = 2_000;

    /// <summary>Checks the values, naming the bad one.</summary>
    public void Validate()
    {
        if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Timeout must be positive.");
        if (MaxRetries < 0) throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "MaxRetries must not be negative.");
        if (RetryDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RetryDelay), RetryDelay, "RetryDelay must not be negative.");
        if (CacheSize < 0) throw new ArgumentOutOfRangeException(nameof(CacheSize), CacheSize, "CacheSize must not be negative.");
        if (MaxConcurrency < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "MaxConcurrency must be at least 1.");
        if (MaxOutputTokens < 1) throw new ArgumentOutOfRangeException(nameof(MaxOutputTokens), MaxOutputTokens,
            "MaxOutputTokens must be at least 1.");
        if (MaxAnswerChars < 1) throw new ArgumentOutOfRangeException(nameof(MaxAnswerChars), MaxAnswerChars, "MaxAnswerChars must be at least 1.");
    }
}
