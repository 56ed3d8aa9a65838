namespace R1.MLNet.Training;

/// <summary>The rows of a <see cref="RejectionSampler"/> run (kept and dropped, prompt by prompt, sample by sample) and its summary.</summary>
/// <param name="Rows">Every sample, in prompt then sample order.</param>
/// <param name="Summary">What was kept and why the rest was dropped.</param>
public sealed record RejectionSamplingResult(IReadOnlyList<RejectionSampleRow> Rows, RejectionSamplingSummary Summary)
{
    /// <summary>The kept rows, in order.</summary>
    public IEnumerable<RejectionSampleRow> Kept => Rows.Where(r => r.Kept);

    /// <summary>
    /// The kept rows as SFT pairs (prompt, <see cref="RejectionSampleRow.Response"/>): for a student with the teacher's prompt format.
    /// </summary>
    public IReadOnlyList<(string Prompt, string Response)> ToSftPairs() => Kept.Select(r => (r.Prompt, r.Response)).ToList();
}
