namespace R1.Rewards.Math;

/// <summary>
/// Splits a normalised LaTeX answer into <see cref="LatexToken"/>s. Spacing commands and <c>\left</c>/<c>\right</c>
/// are dropped; operator commands (<c>\cdot</c>, <c>\times</c>, <c>\div</c>, <c>\pm</c>, <c>\cup</c>) become symbols.
/// </summary>
internal static class LatexTokenizer
{
    private const string SingleSymbols = "+-*/^_()[]{},=|!&±∪<>≤≥";

    private static readonly Dictionary<string, string> CommandSymbols = new()
    {
        ["cdot"] = "*", ["times"] = "*", ["ast"] = "*", ["div"] = "/", ["pm"] = "±", ["mp"] = "±",
        ["cup"] = "∪", ["{"] = "⦃", ["}"] = "⦄", ["lbrace"] = "⦃", ["rbrace"] = "⦄",
        ["le"] = "≤", ["leq"] = "≤", ["leqslant"] = "≤", ["ge"] = "≥", ["geq"] = "≥", ["geqslant"] = "≥", ["lt"] = "<", ["gt"] = ">",
        ["langle"] = "(", ["rangle"] = ")", ["\\"] = "\\\\", ["lvert"] = "|", ["rvert"] = "|",
    };

    private static readonly HashSet<string> Ignored =
        [",", "!", ";", ":", " ", "quad", "qquad", "left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", "displaystyle", "middle"];

    /// <summary>Tokenises <paramref name="text"/>; at most <paramref name="maxTokens"/> tokens.</summary>
    /// <exception cref="MathParseException">An unknown character or environment, or too many tokens.</exception>
    public static List<LatexToken> Tokenize(string text, int maxTokens = 4096)
    {
        var tokens = new List<LatexToken>();
        var i = 0;
        while (i < text.Length)
        {
            if (tokens.Count > maxTokens) throw new MathParseException($"answer has more than {maxTokens} tokens");
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                // "1 2" or "1.2.3" is not a number and not a product: refuse it rather than read 2 or 0.2. A script digit may be
                // followed by a number: "\log_2 8", "x^2 3".
                if (tokens.Count > 0 && tokens[^1].Kind == LatexTokenKind.Number && !(tokens.Count > 1 && tokens[^2].Text is "^" or "_"))
                    throw new MathParseException($"a number directly after the number '{tokens[^1].Text}' at {i}");
                i = ReadNumber(text, i, tokens);
            }
            else if (char.IsLetter(c)) { tokens.Add(new(LatexTokenKind.Letter, c.ToString(), i)); i++; }
            else if (c == '\\') i = ReadCommand(text, i, tokens);
            else if (SingleSymbols.Contains(c)) { tokens.Add(new(LatexTokenKind.Symbol, c.ToString(), i)); i++; }
            else if (c == '.' && i + 1 == text.Length) i++;
            else throw new MathParseException($"unexpected character '{c}' at {i}");
        }
        tokens.Add(new(LatexTokenKind.End, "", text.Length));
        return tokens;
    }

    private static int ReadNumber(string text, int start, List<LatexToken> tokens)
    {
        var i = start;
        var seenDot = false;
        while (i < text.Length
            && (char.IsAsciiDigit(text[i]) || (text[i] == '.' && !seenDot && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
        {
            seenDot |= text[i] == '.';
            i++;
        }
        tokens.Add(new(LatexTokenKind.Number, text[start..i], start));
        return i;
    }

    private static int ReadCommand(string text, int start, List<LatexToken> tokens)
    {
        var i = start + 1;
        if (i >= text.Length) throw new MathParseException("dangling backslash at the end");
        string name;
        if (char.IsAsciiLetter(text[i]))
        {
            while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
            name = text[(start + 1)..i];
        }
        else name = text[i++].ToString();

        if (name is "begin" or "end") return ReadEnvironment(text, start, i, name, tokens);
        if (Ignored.Contains(name))
        {
            if (name is "left" or "right" && i < text.Length && text[i] == '.') i++; // \left. is an invisible delimiter
            return i;
        }
        tokens.Add(CommandSymbols.TryGetValue(name, out var symbol)
            ? new(LatexTokenKind.Symbol, symbol, start)
            : new(LatexTokenKind.Command, name, start));
        return i;
    }

    private static int ReadEnvironment(string text, int start, int i, string name, List<LatexToken> tokens)
    {
        var close = i < text.Length && text[i] == '{' ? text.IndexOf('}', i) : -1;
        if (close < 0) throw new MathParseException($"\\{name} without an environment name at {start}");
        var environment = text[(i + 1)..close];
        if (!environment.EndsWith("matrix", StringComparison.Ordinal) && environment != "array")
            throw new MathParseException($"unsupported environment '{environment}'");
        i = close + 1;
        if (name == "begin" && environment == "array" && i < text.Length && text[i] == '{')
        {
            var spec = text.IndexOf('}', i); // column spec such as {cc}
            i = spec < 0 ? text.Length : spec + 1;
        }
        tokens.Add(new(name == "begin" ? LatexTokenKind.BeginMatrix : LatexTokenKind.EndMatrix, environment, start));
        return i;
    }
}
