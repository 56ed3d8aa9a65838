namespace R1.MLNet.Training;

/// <summary>What a <see cref="RejectionSampler"/> run kept and why it dropped the rest; <see cref="ToString"/> prints it as a table.</summary>
public sealed record RejectionSamplingSummary
{
    /// <summary>Prompts covered (resumed ones included).</summary>
    public int Prompts { get; init; }

    /// <summary>Samples (rows), kept and dropped.</summary>
    public int Samples { get; init; }

    /// <summary>Samples kept.</summary>
    public int Kept { get; init; }

    /// <summary>Prompts with at least one kept sample.</summary>
    public int PromptsWithKept { get; init; }

    /// <summary>Dropped samples per <see cref="RejectionSampleRow.DropReason"/>, most frequent first.</summary>
    public IReadOnlyDictionary<string, int> DroppedByReason { get; init; } = new Dictionary<string, int>();

    /// <summary>Prompts read back from <see cref="RejectionSamplingOptions.OutputPath"/> instead of sampled.</summary>
    public int ResumedPrompts { get; init; }

    /// <summary>Whether the run stopped (cancellation) before every prompt was sampled.</summary>
    public bool Cancelled { get; init; }

    /// <summary>Seconds this run spent sampling, scoring and filtering (not the resumed part).</summary>
    public double Seconds { get; init; }

    /// <summary>Samples produced per second by this run (resumed rows excluded).</summary>
    public double SamplesPerSecond { get; init; }

    /// <summary>Kept samples produced per second by this run (resumed rows excluded).</summary>
    public double KeptPerSecond { get; init; }

    /// <summary>The summary as a small table: totals, then one line per drop reason.</summary>
    public override string ToString() => throw new NotImplementedException();
}
