using R1.Rewards.Format;

namespace R1.MLNet.Chat;

/// <summary>
/// Splits a completion, as it grows, into its reasoning (inside the first <c>&lt;think&gt;</c> … <c>&lt;/think&gt;</c>) and its answer
/// text (after the first <c>&lt;/think&gt;</c>, or the whole completion when it opens no think block). Text that could still turn
/// into a tag is held back until it is decided, so the deltas of a stream add up to the split of the whole completion.
/// </summary>
/// <remarks>
/// Not <see cref="ReasoningCompletion"/>, which the rewards grade by: that one reads up to the <i>last</i> <c>&lt;/think&gt;</c> and
/// trims, so a prefix of a stream could be split differently from the whole; this split never moves text already sent.
/// </remarks>
/// <param name="thinkOpenedInPrompt">Whether the prompt already opened the think block (the completion starts inside it), as
/// <see cref="ReasoningCompletion.PromptOpensThink"/> tells.</param>
public sealed class ReasoningStreamSplitter(bool thinkOpenedInPrompt)
{
    private const string Open = ReasoningCompletion.ThinkOpen, Close = ReasoningCompletion.ThinkClose;
    private string _text = "";
    private int _reasoningSent, _answerSent;

    /// <summary>Splits a whole completion at once.</summary>
    public static (string Reasoning, string Answer) Split(string completion, bool thinkOpenedInPrompt) =>
        new ReasoningStreamSplitter(thinkOpenedInPrompt).Append(completion, final: true);

    /// <summary>Adds <paramref name="piece"/>; returns the newly decided reasoning and answer text.</summary>
    public (string Reasoning, string Answer) Append(string piece, bool final = false)
    {
        _text += piece;
        var (reasoning, answer) = Parts(final);
        var delta = (reasoning[Math.Min(_reasoningSent, reasoning.Length)..], answer[Math.Min(_answerSent, answer.Length)..]);
        (_reasoningSent, _answerSent) = (Math.Max(_reasoningSent, reasoning.Length), Math.Max(_answerSent, answer.Length));
        return delta;
    }

    private (string Reasoning, string Answer) Parts(bool final)
    {
        string text = thinkOpenedInPrompt ? Open + _text : _text;
        string lead = text.TrimStart();
        if (!lead.StartsWith(Open, StringComparison.Ordinal))
            return !final && Open.StartsWith(lead, StringComparison.Ordinal) ? ("", "") : ("", text);
        string body = lead[Open.Length..];
        int close = body.IndexOf(Close, StringComparison.Ordinal);
        if (close >= 0) return (body[..close], body[(close + Close.Length)..]);
        return (final ? body : body[..^PartialTagLength(body)], "");
    }

    /// <summary>How many trailing characters of <paramref name="body"/> are a proper prefix of <c>&lt;/think&gt;</c>.</summary>
    private static int PartialTagLength(string body)
    {
        for (int n = Math.Min(Close.Length - 1, body.Length); n > 0; n--)
            if (body.EndsWith(Close[..n], StringComparison.Ordinal)) return n;
        return 0;
    }
}
