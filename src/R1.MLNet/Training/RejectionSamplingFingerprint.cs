using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace R1.MLNet.Training;

/// <summary>
/// A short hash of what decides a rejection-sampling run's rows (teacher setup, prompt count, k, batch size, sampling, seed, keep
/// rules, filter and reward names), written on every line of the output file so that a resume refuses a file from another run.
/// </summary>
internal static class RejectionSamplingFingerprint
{
    public static string Of(RejectionSamplingOptions o, string teacher, int prompts, IReadOnlyList<string> rewards)
    {
        var s = o.Sampling;
        var parts = new object?[]
        {
            teacher, prompts, o.SamplesPerPrompt, o.PromptsPerBatch, o.EffectiveSeed, o.MaxKeptPerPrompt, o.Deduplicate, o.MinTotal,
            s.MaxNewTokens, s.Temperature, s.TopP, s.TopK, s.MinP, s.Greedy, string.Join("\u0001", s.StopStrings),
            s.EosIds is null ? "" : string.Join(",", s.EosIds), s.UseKvCache, s.CheckInterval, s.CompactFinishedRows,
            string.Join(",", o.MinScores.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
                .Select(p => $"{p.Key.ToLowerInvariant()}={p.Value:R}")),
            string.Join(",", o.Filters.Select(f => f.Name)), string.Join(",", rewards),
        };
        string text = string.Join("\u0000", parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }
}
