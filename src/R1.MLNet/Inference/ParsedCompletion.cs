namespace R1.MLNet.Inference;

/// <summary>A completion split into its chain of thought and its final answer.</summary>
/// <param name="Reasoning">The text inside <c>&lt;think&gt;…&lt;/think&gt;</c>, trimmed (empty when there is none).</param>
/// <param name="Answer">The final answer: inside <c>&lt;answer&gt;…&lt;/answer&gt;</c> when present, else the text after <c>&lt;/think&gt;</c>, trimmed.</param>
public readonly record struct ParsedCompletion(string Reasoning, string Answer)
{
    private const string ThinkOpen = "<think>", ThinkClose = "</think>", AnswerOpen = "<answer>", AnswerClose = "</answer>";

    /// <summary>
    /// Splits <paramref name="completion"/>. The opening <c>&lt;think&gt;</c> may be absent (templates such as R1-Zero's end the
    /// prompt inside it), in which case the reasoning starts at the beginning. Without <c>&lt;/think&gt;</c> the whole text
    /// is reasoning and the answer is empty, unless an <c>&lt;answer&gt;</c> block is present.
    /// </summary>
    public static ParsedCompletion Parse(string completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        int open = completion.IndexOf(ThinkOpen, StringComparison.Ordinal);
        int start = open >= 0 ? open + ThinkOpen.Length : 0;
        int close = completion.IndexOf(ThinkClose, start, StringComparison.Ordinal);
        int answerTag = completion.IndexOf(AnswerOpen, start, StringComparison.Ordinal);
        if (close < 0 && answerTag < 0) return new(completion[start..].Trim(), "");
        int reasoningEnd = close >= 0 ? close : answerTag;
        string reasoning = completion[start..reasoningEnd].Trim();
        string rest = close >= 0 ? completion[(close + ThinkClose.Length)..] : completion[answerTag..];
        return new(reasoning, ExtractAnswer(rest));
    }

    private static string ExtractAnswer(string rest)
    {
        int open = rest.IndexOf(AnswerOpen, StringComparison.Ordinal);
        if (open < 0) return rest.Trim();
        int start = open + AnswerOpen.Length;
        int close = rest.IndexOf(AnswerClose, start, StringComparison.Ordinal);
        return (close < 0 ? rest[start..] : rest[start..close]).Trim();
    }
}
