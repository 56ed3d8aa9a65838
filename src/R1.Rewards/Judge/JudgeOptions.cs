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

    /// <summary>
    /// The longest text sent, in characters: a longer final answer or summary is cut to its last characters, a longer whole response keeps
    /// its first and last halves around a marker. Default: 2,000.
    /// </summary>
    public int MaxAnswerChars { get; set; } = 2_000;

    /// <summary>
    /// What the judge reads: the final answer, the summary after <c>&lt;/think&gt;</c> (the chain of thought is never sent), or the
    /// whole response. Default: <see cref="JudgeScope.FinalAnswer"/>.
    /// </summary>
    public JudgeScope Scope { get; set; } = JudgeScope.FinalAnswer;

    /// <summary>
    /// Whether a sample needs a reference answer (<c>Answer</c>); without one it is "not applicable". Turn it off for rubric judges
    /// (helpfulness, harmlessness) that grade without a reference: the reference is then sent only when the sample has one.
    /// Default: <see langword="true"/>.
    /// </summary>
    public bool RequireReference { get; set; } = true;

    /// <summary>
    /// The system message, replacing the grader's (<see cref="JudgePrompt.System"/>), for example a helpfulness or harmlessness rubric.
    /// It must ask for a one-word verdict, <c>CORRECT</c> (scores 1) or <c>INCORRECT</c> (scores 0): any other reply is a missing score.
    /// Default: <see langword="null"/> (the grader's).
    /// </summary>
    public string? Instructions { get; set; }

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
        if (!Enum.IsDefined(Scope)) throw new ArgumentOutOfRangeException(nameof(Scope), Scope, "Unknown judge scope.");
        if (Instructions != null && string.IsNullOrWhiteSpace(Instructions))
            throw new ArgumentException("Instructions is blank; leave it null for the default grader.", nameof(Instructions));
    }
}
