using R1.Rewards.Abstractions;
using R1.Rewards.Format;

namespace R1.Rewards.Readability;

/// <summary>Picks the text a filter reads and runs its rule so that no completion text can make a filter throw.</summary>
internal static class ReadabilityText
{
    /// <summary>The text of <paramref name="sample"/> selected by <paramref name="target"/>; never <see langword="null"/>.</summary>
    public static string Select(RewardSample sample, ReadabilityTarget target)
    {
        string completion = sample.Completion ?? "";
        if (target == ReadabilityTarget.WholeCompletion) return completion;
        return ReasoningCompletion.Parse(sample).Reasoning ?? completion;
    }

    /// <summary>
    /// Runs <paramref name="rule"/> on the selected text. A bug that throws becomes a failed verdict naming the filter and the exception,
    /// so a sample is never kept because its filter crashed.
    /// </summary>
    public static ReadabilityVerdict Run(string filter, RewardSample sample, ReadabilityTarget target,
        Func<string, RewardSample, ReadabilityVerdict> rule)
    {
        ArgumentNullException.ThrowIfNull(sample);
        try
        {
            return rule(Select(sample, target), sample);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ReadabilityVerdict.Fail($"{filter} failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Replaces CRLF and lone CR line breaks with LF.</summary>
    public static string NormalizeNewlines(string text) =>
        text.Contains('\r') ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;
}
