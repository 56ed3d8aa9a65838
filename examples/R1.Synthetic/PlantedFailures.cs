using R1.Rewards.Format;

namespace R1.Synthetic;

/// <summary>
/// Detects the readability failures planted in the corpus, independently of the rejection sampler's filters, so a report can
/// check the filtered data: any Hangul in the chain of thought, or a code fence.
/// </summary>
public static class PlantedFailures
{
    /// <summary>Whether the reasoning of <paramref name="completion"/> holds a Hangul character.</summary>
    public static bool HasMixedScript(string completion) => Reasoning(completion).Any(IsHangul);

    /// <summary>Whether the reasoning of <paramref name="completion"/> holds a code fence (three backticks).</summary>
    public static bool HasCodeBlock(string completion) => Reasoning(completion).Contains("```", StringComparison.Ordinal);

    /// <summary>The style a completion's reasoning is written in, by the planted markers.</summary>
    public static CotStyle StyleOf(string completion) =>
        HasMixedScript(completion) ? CotStyle.MixedScript : HasCodeBlock(completion) ? CotStyle.CodeBlock : CotStyle.Plain;

    private static string Reasoning(string completion) => ReasoningCompletion.Parse(completion).Reasoning ?? completion;

    private static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F';
}
