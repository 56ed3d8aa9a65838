using System.Globalization;

namespace R1.MLNet.Training;

/// <summary>One line of a <see cref="MemoryEstimate"/>: what holds the memory and how many bytes.</summary>
/// <param name="Name">For example <c>weights</c>, <c>AdamW moments</c>, <c>activations</c>.</param>
/// <param name="Bytes">The estimated bytes.</param>
public sealed record MemoryItem(string Name, long Bytes);

/// <summary>
/// The memory planner's estimate of a run's peak resident memory (see <see cref="MemoryPlanner"/>): the state that lives for the
/// whole run (weights, reference, master weights, gradients, optimizer moments, runtime) plus the largest of the phases of a
/// step (rollout, no-grad scoring, learning).
/// </summary>
/// <param name="Items">The breakdown; the phases not at the peak are listed too, marked <see cref="MemoryPhase"/>.</param>
/// <param name="PeakPhase">The phase that sets the peak.</param>
public sealed record MemoryEstimate(IReadOnlyList<MemoryItem> Items, string PeakPhase)
{
    /// <summary>The prefix of the items that belong to one phase of a step (only the largest phase counts toward the total).</summary>
    public const string MemoryPhase = "phase: ";

    /// <summary>The estimated peak, in bytes.</summary>
    public long TotalBytes =>
        Items.Where(i => !i.Name.StartsWith(MemoryPhase, StringComparison.Ordinal)).Sum(i => i.Bytes)
        + Items.Where(i => i.Name.StartsWith(MemoryPhase, StringComparison.Ordinal)).Select(i => i.Bytes).DefaultIfEmpty(0).Max();

    /// <summary>The estimated peak, in GiB.</summary>
    public double TotalGiB => TotalBytes / (double)(1L << 30);

    /// <summary>For example <c>9.81 GiB (weights 1.84 GiB, …; peak phase learning)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{TotalGiB:F2} GiB (") +
        string.Join(", ", Items.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Name} {Gib(i.Bytes)}"))) +
        $"; peak phase {PeakPhase})";

    internal static string Gib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F2} GiB");
}
