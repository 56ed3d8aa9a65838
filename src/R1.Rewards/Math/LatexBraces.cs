namespace R1.Rewards.Math;

/// <summary>Brace matching for LaTeX text, iterative so deep nesting cannot overflow the stack.</summary>
internal static class LatexBraces
{
    /// <summary>
    /// The index of the <c>}</c> that closes the <c>{</c> at <paramref name="open"/>, or -1 when it is never closed.
    /// Escaped braces (<c>\{</c>, <c>\}</c>) are skipped.
    /// </summary>
    public static int FindClosing(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\') { i++; continue; }
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return -1;
    }

    /// <summary>
    /// Reads the argument of a command that starts at <paramref name="start"/>: a braced group (returned without its braces),
    /// a command name (<c>\pi</c>), or a single character, as LaTeX does for <c>\frac12</c>.
    /// Returns the argument and the index after it, or <see langword="null"/> when there is none.
    /// </summary>
    public static (string Argument, int End)? ReadArgument(string text, int start)
    {
        var i = start;
        while (i < text.Length && text[i] == ' ') i++;
        if (i >= text.Length) return null;
        if (text[i] == '{')
        {
            var close = FindClosing(text, i);
            return close < 0 ? null : (text[(i + 1)..close], close + 1);
        }
        if (text[i] == '\\')
        {
            var j = i + 1;
            while (j < text.Length && char.IsAsciiLetter(text[j])) j++;
            if (j == i + 1 && j < text.Length) j++;
            return (text[i..j], j);
        }
        if (text[i] is '}' or '^' or '_' or '&') return null;
        return (text[i].ToString(), i + 1);
    }
}
