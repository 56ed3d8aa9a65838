namespace R1.Rewards.Format;

/// <summary>
/// The parts of a reasoning completion: the chain of thought inside <c>&lt;think&gt;…&lt;/think&gt;</c>, the text after it,
/// and the content of an <c>&lt;answer&gt;…&lt;/answer&gt;</c> block. Parsing is forgiving and never throws; the
/// <see cref="FormatReward"/> is the one that judges whether the layout is right.
/// </summary>
public sealed record ReasoningCompletion
{
    /// <summary>The opening think tag, <c>&lt;think&gt;</c>.</summary>
    public const string ThinkOpen = "<think>";

    /// <summary>The closing think tag, <c>&lt;/think&gt;</c>.</summary>
    public const string ThinkClose = "</think>";

    /// <summary>The opening answer tag, <c>&lt;answer&gt;</c>.</summary>
    public const string AnswerOpen = "<answer>";

    /// <summary>The closing answer tag, <c>&lt;/answer&gt;</c>.</summary>
    public const string AnswerClose = "</answer>";

    private ReasoningCompletion(string? thinking, string? afterThinking, string? answer)
    {
        Thinking = thinking;
        AfterThinking = afterThinking;
        Answer = answer;
    }

    /// <summary>
    /// The chain of thought: the text between <c>&lt;think&gt;</c> and <c>&lt;/think&gt;</c>; the text before <c>&lt;/think&gt;</c>
    /// when the opening tag was part of the prompt; the text after an unclosed <c>&lt;think&gt;</c>. <see langword="null"/> without think tags.
    /// </summary>
    public string? Thinking { get; }

    /// <summary>The text after the closing <c>&lt;/think&gt;</c> (the R1 summary), or <see langword="null"/> when the think block is not closed.</summary>
    public string? AfterThinking { get; }

    /// <summary>The content of the last <c>&lt;answer&gt;…&lt;/answer&gt;</c> block, or <see langword="null"/> when there is none.</summary>
    public string? Answer { get; }

    /// <summary>The chain of thought if there are think tags, otherwise the whole completion.</summary>
    public string ChainOfThoughtOr(string completion) => Thinking ?? completion;

    /// <summary>
    /// The final answer a grader should look at: the <c>&lt;answer&gt;</c> content, else the text after <c>&lt;/think&gt;</c>,
    /// else the whole completion when it has no think tags at all; <see langword="null"/> when the reasoning never finished.
    /// </summary>
    public string? FinalAnswerOr(string completion) =>
        Answer?.Trim() ?? AfterThinking?.Trim() ?? (Thinking == null ? completion.Trim() : null);

    /// <summary>Splits <paramref name="completion"/> into its parts.</summary>
    public static ReasoningCompletion Parse(string completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        int open = completion.IndexOf(ThinkOpen, StringComparison.OrdinalIgnoreCase);
        int close = completion.IndexOf(ThinkClose, System.Math.Max(open, 0), StringComparison.OrdinalIgnoreCase);
        string? thinking = null, after = null;
        if (close >= 0)
        {
            int start = open >= 0 && open < close ? open + ThinkOpen.Length : 0;
            thinking = completion[start..close];
            after = completion[(close + ThinkClose.Length)..];
        }
        else if (open >= 0)
        {
            thinking = completion[(open + ThinkOpen.Length)..];
        }
        return new ReasoningCompletion(thinking, after, FindAnswer(after ?? (thinking == null ? completion : null)));
    }

    private static string? FindAnswer(string? text)
    {
        if (text == null) return null;
        int open = text.LastIndexOf(AnswerOpen, StringComparison.OrdinalIgnoreCase);
        if (open < 0) return null;
        int close = text.IndexOf(AnswerClose, open, StringComparison.OrdinalIgnoreCase);
        return close < 0 ? null : text[(open + AnswerOpen.Length)..close];
    }
}
