namespace R1.Rewards.Math;

/// <summary>
/// Finds the final answer in a completion. Priority: the last <c>\boxed{…}</c>/<c>\fbox{…}</c> (nested braces included),
/// then the last <c>&lt;answer&gt;</c> tag, then whichever comes last of "The answer is …" and GSM8K's <c>#### n</c>.
/// One linear pass over the text, so a 1 MB or deeply nested completion is cheap.
/// </summary>
public static class AnswerExtractor
{
    private const int MaxBoxesCompared = 16;
    private static readonly string[] BoxCommands = ["\\boxed", "\\fbox"];
    private static readonly string[] Phrases = ["answer is", "answer:"];

    /// <summary>The final answer of <paramref name="completion"/>, or <see langword="null"/> when it has none.</summary>
    public static ExtractedAnswer? Extract(string completion) => Extract(completion, null);

    /// <summary>The final answer of <paramref name="completion"/>, or <see langword="null"/>; <paramref name="options"/> decide when boxes conflict.</summary>
    public static ExtractedAnswer? Extract(string completion, MathAccuracyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(completion);
        options ??= new MathAccuracyOptions();
        var boxes = FindBoxes(completion);
        if (boxes.Count > 0) return FromBoxes(boxes, options);
        if (FromAnswerTag(completion) is { } tagged) return new(tagged, AnswerSource.AnswerTag, [], false);
        var phrase = LastPhrase(completion);
        var hash = completion.LastIndexOf("####", StringComparison.Ordinal);
        if (hash >= 0 && hash > phrase.Index && RestOfLine(completion, hash + 4) is { Length: > 0 } marked)
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
        var conflict = distinct.Count > 1 && distinct.Any(d => d != lastNormalized && !MathVerifier.AreEquivalent(d, lastNormalized, options).IsEquivalent);
        return new(last, AnswerSource.Boxed, distinct, conflict);
    }

    /// <summary>The contents of the outermost boxes, in order. Unclosed boxes are ignored.</summary>
    private static List<string> FindBoxes(string text)
    {
        var boxes = new List<string>();
        var open = new Stack<(int Index, bool IsBox)>();
        var boxDepth = 0;
        var pendingBrace = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                var command = BoxCommands.FirstOrDefault(b => string.CompareOrdinal(text, i, b, 0, b.Length) == 0);
                if (command is null) { i++; continue; }
                var next = i + command.Length;
                while (next < text.Length && text[next] == ' ') next++;
                if (next < text.Length && text[next] == '{') pendingBrace = next;
                else if (boxDepth == 0 && UnbracedArgument(text, next) is { Length: > 0 } bare) boxes.Add(bare);
                i = next - 1;
            }
            else if (c == '{')
            {
                var isBox = i == pendingBrace;
                open.Push((i, isBox));
                if (isBox) boxDepth++;
            }
            else if (c == '}' && open.Count > 0)
            {
                var (start, isBox) = open.Pop();
                if (isBox && --boxDepth == 0) boxes.Add(text[(start + 1)..i]);
            }
        }
        return boxes;
    }

    // "\boxed 5" without braces: the argument runs to the next space, '$' or line end.
    private static string UnbracedArgument(string text, int start)
    {
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '$') end++;
        return text[start..end];
    }

    private static string? FromAnswerTag(string text)
    {
        var start = text.LastIndexOf("<answer>", StringComparison.OrdinalIgnoreCase);
        if (start < 0) return null;
        start += "<answer>".Length;
        var end = text.IndexOf("</answer>", start, StringComparison.OrdinalIgnoreCase);
        var content = (end < 0 ? text[start..] : text[start..end]).Trim();
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
