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
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        double share = Samples == 0 ? 0 : Kept / (double)Samples;
        text.AppendLine($"rejection sampling: {Prompts} prompts, {Samples} samples, {Kept} kept ({share:P1}), " +
                        $"{PromptsWithKept} prompts with a kept sample{(Cancelled ? " (cancelled)" : "")}");
        text.AppendLine($"  {Seconds:0.00} s, {SamplesPerSecond:0.00} samples/s, {KeptPerSecond:0.00} kept/s" +
                        (ResumedPrompts > 0 ? $", {ResumedPrompts} prompts resumed from the file" : ""));
        int width = Math.Max(24, DroppedByReason.Keys.Select(k => k.Length + 2).DefaultIfEmpty(0).Max());
        text.AppendLine($"  {"dropped by reason".PadRight(width)}{"count",7}");
        foreach (var (reason, count) in DroppedByReason) text.AppendLine($"  {reason.PadRight(width)}{count,7}");
        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// The summary of <paramref name="rows"/>, of which the last <paramref name="newRows"/> were produced in <paramref name="seconds"/>.
    /// </summary>
    internal static RejectionSamplingSummary Create(IReadOnlyList<RejectionSampleRow> rows, int resumedPrompts, int newRows, double seconds,
        bool cancelled)
    {
        int newKept = rows.Skip(rows.Count - newRows).Count(r => r.Kept);
        return new RejectionSamplingSummary
        {
            Prompts = rows.Select(r => r.PromptIndex).Distinct().Count(),
            Samples = rows.Count,
            Kept = rows.Count(r => r.Kept),
            PromptsWithKept = rows.Where(r => r.Kept).Select(r => r.PromptIndex).Distinct().Count(),
            DroppedByReason = rows.Where(r => !r.Kept).GroupBy(r => r.DropReason ?? "")
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            ResumedPrompts = resumedPrompts,
            Cancelled = cancelled,
            Seconds = seconds,
            SamplesPerSecond = seconds > 0 ? newRows / seconds : 0,
            KeptPerSecond = seconds > 0 ? newKept / seconds : 0,
        };
    }
}
