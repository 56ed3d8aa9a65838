namespace R1.Rollout.Generation;

/// <summary>How tokens are sampled. Processing order (as in HF): temperature, top-k, top-p, min-p.</summary>
public sealed class SamplingOptions
{
    /// <summary>Most tokens generated per prompt. Default 256. Reduced to the room left in the context when prompts are long.</summary>
    public int MaxNewTokens { get; set; } = 256;

    /// <summary>Softmax temperature. Default 1. Zero means greedy.</summary>
    public double Temperature { get; set; } = 1.0;

    /// <summary>Nucleus sampling: keep the smallest set of tokens whose probability reaches this mass. Default 1 (off).</summary>
    public double TopP { get; set; } = 1.0;

    /// <summary>Keep only the k most likely tokens. Default 0 (off).</summary>
    public int TopK { get; set; }

    /// <summary>Drop tokens whose probability is below <c>MinP × (top probability)</c>. Default 0 (off).</summary>
    public double MinP { get; set; }

    /// <summary>Take the most likely token (same as <see cref="Temperature"/> = 0). Default false.</summary>
    public bool Greedy { get; set; }

    /// <summary>Generation of a row stops once its text contains one of these; the text ends with the stop string. Default none.</summary>
    public IReadOnlyList<string> StopStrings { get; set; } = [];

    /// <summary>Ids that end a row (kept as the last completion token). Default null: the tokenizer's EOS ids (or the config's).</summary>
    public IReadOnlyList<int>? EosIds { get; set; }

    /// <summary>Seed of this request's random generator; the same seed, prompts and options give the same tokens. Null: random.</summary>
    public long? Seed { get; set; }

    /// <summary>
    /// Decode incrementally with a KV cache (default true). False recomputes the whole sequence each step (for checks and benchmarks).
    /// </summary>
    public bool UseKvCache { get; set; } = true;

    /// <summary>
    /// Every this many tokens the host checks whether every row has finished and scans stop strings (each check is a device
    /// sync). Default 8. Greedy results do not depend on it; sampled results do when <see cref="CompactFinishedRows"/> is on
    /// (the batch shrinks at checks), so keep it fixed for reproducible runs.
    /// </summary>
    public int CheckInterval { get; set; } = 8;

    /// <summary>
    /// At each check, drop finished rows from the device batch once a quarter of them are done (default true), so long
    /// completions do not pay for short ones. Greedy results are identical either way; sampled results stay reproducible
    /// per seed but differ from an uncompacted run (the random stream is drawn for fewer rows).
    /// </summary>
    public bool CompactFinishedRows { get; set; } = true;

    /// <summary>True when decoding is greedy.</summary>
    public bool IsGreedy => Greedy || Temperature == 0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (MaxNewTokens <= 0) throw new ArgumentException($"MaxNewTokens must be positive (got {MaxNewTokens}).");
        if (Temperature < 0 || double.IsNaN(Temperature)) throw new ArgumentException($"Temperature must be ≥ 0 (got {Temperature}).");
        if (!(TopP > 0 && TopP <= 1)) throw new ArgumentException($"TopP must be in (0, 1] (got {TopP}).");
        if (TopK < 0) throw new ArgumentException($"TopK must be ≥ 0 (got {TopK}).");
        if (!(MinP >= 0 && MinP < 1)) throw new ArgumentException($"MinP must be in [0, 1) (got {MinP}).");
        if (CheckInterval <= 0) throw new ArgumentException($"CheckInterval must be positive (got {CheckInterval}).");
        if (StopStrings.Any(string.IsNullOrEmpty)) throw new ArgumentException("StopStrings must not contain empty strings.");
    }

    /// <summary>A shallow copy.</summary>
    public SamplingOptions Clone() => (SamplingOptions)MemberwiseClone();
}
