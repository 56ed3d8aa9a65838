using R1.Rewards.Format;

namespace R1.Rewards.Math;

/// <summary>
/// Finds the math answer inside a completion's final answer (<see cref="ReasoningCompletion.FinalAnswer"/>): the completion is
/// first parsed by <see cref="ReasoningCompletion"/>, so nothing written inside the think block is graded and an unfinished
/// reasoning has no answer. Within the final answer the priority is: the last <c>\boxed{…}</c>/<c>\fbox{…}</c> (nested braces
/// included); then, for an <c>&lt;answer&gt;</c> block, "The answer is …" inside it or else its whole content; without an
/// answer block, whichever comes last of "The answer is …" and GSM8K's <c>#### n</c>. The extracted answer is therefore
/// always a part of the final answer the <c>Reason</c> step shows. One linear pass over the text, so a 1 MB or deeply nested
/// completion is cheap.
/// </summary>
public static class AnswerExtractor
{
    private const int MaxBoxesCompared = 16;
    private static readonly string[] BoxCommands = ["\\boxed", "\\fbox"];
    private static readonly string[] Phrases = ["answer is", "answer:"];
    private static readonly MathAccuracyOptions Defaults = new();

    /// <summary>The final answer of <paramref name="completion"/>, or <see langword="null"/> when it has none.</summary>
    public static ExtractedAnswer? Extract(string completion) => Extract(completion, null);

    /// <summary>The final answer of <paramref name="completion"/>, or <see langword="null"/>; <paramref name="options"/> decide when boxes
    /// conflict.</summary>
    public static ExtractedAnswer? Extract(string completion, MathAccuracyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return Extract(ReasoningCompletion.Parse(completion), options);
    }

    /// <summary>
    /// The math answer inside <paramref name="completion"/>'s <see cref="ReasoningCompletion.FinalAnswer"/>, or
    /// <see langword="null"/> when it has none; <paramref name="options"/> decide when boxes conflict.
    /// </summary>
    public static ExtractedAnswer? Extract(ReasoningCompletion completion, MathAccuracyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(completion);
        options ??= Defaults;
        if (completion.AnswerRegion is not { } region) return null;
        if (completion.RawAnswer is { } block)
        {
            var boxedInBlock = FindBoxes(block);
            if (boxedInBlock.Count > 0) return FromBoxes(boxedInBlock, options);
            return FromAnswerTag(block) is { } tagged ? new(tagged, AnswerSource.AnswerTag, [], false) : null;
        }
        var boxes = FindBoxes(region);
        if (boxes.Count > 0) return FromBoxes(boxes, options);
        var phrase = LastPhrase(region);
        var hash = region.LastIndexOf("####", StringComparison.Ordinal);
        if (hash >= 0 && hash > phrase.Index && RestOfLine(region, hash + 4) is { Length: > 0 } marked)
            return new(marked, AnswerSource.HashMarker, [], false);
        if (phrase.Answer is { Length: > 0 } said) return new(said, AnswerSource.AnswerPhrase, [], false);
        return null;
    }

    private static ExtractedAnswer FromBoxes(List<string> boxes, MathAccuracyOptions options)
    {
        var last = boxes[^1].Trim();
        var distinct = boxes.TakeLast(MaxBoxesCompared)
            .Select(b => b.Length > options.MaxAnswerLength ? b : LatexNormalizer.Normalize(b))
            .Distinct(StringComparer.Ordinal).ToList();
        var lastNormalized = last.Length > options.MaxAnswerLength ? last : LatexNormalizer.Normalize(last);
        var conflict = distinct.Count > 1 && distinct.Any(d => d != lastNormalized && !MathVerifier.AreEquivalent(d, lastNormalized, options)
            .IsEquivalent);
        return new(last, AnswerSource.Boxed, distinct, conflict);
    }

    /// <summary>
    /// The contents of the outermost closed boxes, in order. Unclosed boxes are ignored (their contents still count).
    /// Linear in the text: boxes are recorded as index ranges and only the outermost ones are copied, so 30,000 nested boxes do
    /// not make 30,000 overlapping substrings, and the end of an unbraced argument is searched for once per stretch of text.
    /// </summary>
    private static List<string> FindBoxes(string text)
    {
        var closed = new List<(int Start, int ContentStart, int ContentEnd)>();
        var open = new Stack<(int Index, bool IsBox)>();
        var pendingBrace = -1;
        var unbracedStop = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                var commandLength = BoxCommandLength(text, i);
                if (commandLength == 0) { i++; continue; }
                var next = i + commandLength;
                while (next < text.Length && text[next] == ' ') next++;
                if (next < text.Length && text[next] == '{') pendingBrace = next;
                else
                {
                    if (unbracedStop < next) unbracedStop = UnbracedArgumentEnd(text, next);
                    if (unbracedStop > next) closed.Add((i, next, unbracedStop));
                }
                i = next - 1;
            }
            else if (c == '{') open.Push((i, i == pendingBrace));
            else if (c == '}' && open.Count > 0)
            {
                var (start, isBox) = open.Pop();
                if (isBox) closed.Add((start, start + 1, i));
            }
        }
        return Outermost(text, closed);
    }

    private static int BoxCommandLength(string text, int at)
    {
        var rest = text.AsSpan(at);
        foreach (var command in BoxCommands)
            if (rest.StartsWith(command, StringComparison.Ordinal)) return command.Length;
        return 0;
    }

    // Boxes close innermost first; keep only those not inside another closed box, and copy only their contents.
    private static List<string> Outermost(string text, List<(int Start, int ContentStart, int ContentEnd)> closed)
    {
        closed.Sort((x, y) => x.Start.CompareTo(y.Start));
        var result = new List<string>();
        var coveredUntil = -1;
        foreach (var box in closed)
        {
            if (box.Start <= coveredUntil) continue;
            result.Add(text[box.ContentStart..box.ContentEnd]);
            coveredUntil = box.ContentEnd;
        }
        return result;
    }

    // "\boxed 5" without braces: the argument runs to the next space, '$' or line end.
    private static int UnbracedArgumentEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '$') end++;
        return end;
    }

    // The content of the answer block: "The answer is 42." inside it yields 42, otherwise the whole (trimmed) content.
    private static string? FromAnswerTag(string block)
    {
        var content = block.Trim();
        if (LastPhrase(content).Answer is { Length: > 0 } said) return said;
        return content.Length > 0 ? content : null;
    }

    private static (int Index, string? Answer) LastPhrase(string text)
    {
        var best = (Index: -1, Length: 0);
        foreach (var phrase in Phrases)
        {
            var at = text.LastIndexOf(phrase, StringComparison.OrdinalIgnoreCase);
            if (at > best.Index) best = (at, phrase.Length);
        }
        if (best.Index < 0) return (-1, null);
        var rest = RestOfLine(text, best.Index + best.Length)?.Trim(' ', ':', '*');
        return (best.Index, rest is null ? null : SentenceAnswer(rest));
    }

    // "$\frac{1}{2}$ dollars." -> \frac{1}{2}; "42. So ..." -> 42
    private static string SentenceAnswer(string rest)
    {
        if (rest.StartsWith('$'))
        {
            var inner = rest.TrimStart('$');
            var close = inner.IndexOf('$');
            return (close < 0 ? inner : inner[..close]).Trim();
        }
        var stop = rest.IndexOf(". ", StringComparison.Ordinal);
        return (stop < 0 ? rest : rest[..stop]).Trim().TrimEnd('.', '*').Trim();
    }

    private static string? RestOfLine(string text, int start)
    {
        if (start > text.Length) return null;
        var end = text.IndexOf('\n', start);
        return (end < 0 ? text[start..] : text[start..end]).Trim();
    }
}
