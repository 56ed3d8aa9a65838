using System.Text;
using System.Text.RegularExpressions;

namespace R1.Rewards.Math;

/// <summary>
/// Rewrites an answer string into a canonical LaTeX form before parsing: drops <c>$</c>, <c>\left</c>/<c>\right</c>,
/// spacing, degrees, percent signs, units in <c>\text{…}</c>, thousands separators and trailing punctuation;
/// turns <c>\dfrac</c>/<c>\tfrac</c> into <c>\frac</c> and braces shorthand such as <c>\frac12</c> and <c>\sqrt2</c>.
/// </summary>
internal static partial class LatexNormalizer
{
    private static readonly string[] TextCommands = ["\\text", "\\textbf", "\\textit", "\\textrm", "\\mbox", "\\mathrm"];
    private static readonly string[] Connectors = ["and", "or", ","];

    /// <summary>Normalises one answer. The result is compared as a string first, then parsed by <see cref="LatexParser"/>.</summary>
    public static string Normalize(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var s = ReplaceUnicode(answer.Trim());
        s = StripBoxed(s);
        s = s.Replace("\\$", "").Replace("$", "");
        s = ThousandsWithThinSpace().Replace(s, "$1");
        s = ThousandsWithBracedComma().Replace(s, "");
        s = s.Replace("\\!", "");
        s = SpacingCommands().Replace(s, " ");
        s = ThousandsWithSpaces().Replace(s, m => WhiteSpace().Replace(m.Value, ""));
        s = LeftRight().Replace(s, "");
        s = Degrees().Replace(s, "");
        s = s.Replace("\\%", "").Replace("%", "");
        s = RemoveTextUnits(s);
        s = s.Replace("\\dfrac", "\\frac").Replace("\\tfrac", "\\frac").Replace("\\cfrac", "\\frac");
        s = BraceShorthand(s, "\\frac", 2);
        s = BraceShorthand(s, "\\sqrt", 1);
        s = MembershipPrefix().Replace(s, "");
        s = s.Replace("\\mathbb{R}", "(-\\infty,\\infty)").Replace("\\emptyset", "\\{\\}").Replace("\\varnothing", "\\{\\}");
        s = ApproxPrefix().Replace(s, "");
        s = StripTrailingWords(s);
        var spacedList = CommaThenSpace().IsMatch(s);
        s = CollapseSpaces(s);
        s = s.TrimEnd('.', ',', ';', ' ').TrimStart();
        if (s.EndsWith("\\.", StringComparison.Ordinal)) s = s[..^2];
        return PlainThousands(s, spacedList);
    }

    /// <summary>
    /// Separators that could also be list commas or decimal points are read as thousands only when the whole answer is one
    /// grouped number: <c>1,000</c>, <c>12,345.5</c>, <c>1,000,000</c> (not <c>100, 200, 300</c>, written with spaces as a list,
    /// nor <c>(1,000)</c>, <c>1,5</c> or <c>1,0000</c>); dots only with at least two groups, <c>1.000.000</c> and
    /// <c>1.000.000,5</c>, since <c>1.000</c> is the decimal 1.
    /// </summary>
    private static string PlainThousands(string s, bool spacedList)
    {
        if (!spacedList && CommaGrouped().IsMatch(s)) return s.Replace(",", "");
        if (DotGrouped().IsMatch(s)) return s.Replace(".", "").Replace(',', '.');
        return s;
    }

    private static string ReplaceUnicode(string s) => s
        .Replace('\u2212', '-').Replace('\u2013', '-').Replace('\u00a0', ' ').Replace('\u2009', ' ')
        .Replace("×", "\\times ").Replace("·", "\\cdot ").Replace("÷", "\\div ").Replace("π", "\\pi ")
        .Replace("∞", "\\infty ").Replace("√", "\\sqrt").Replace("°", "").Replace("±", "\\pm ");

    private static string StripBoxed(string s)
    {
        foreach (var command in new[] { "\\boxed", "\\fbox" })
        {
            if (!s.StartsWith(command + "{", StringComparison.Ordinal)) continue;
            var close = LatexBraces.FindClosing(s, command.Length);
            if (close == s.Length - 1) return s[(command.Length + 1)..close].Trim();
        }
        return s;
    }

    // Units such as "5.4 \text{ cents}" or "15\mbox{ cm}^2" are dropped; a text-only answer such as "\text{(C)}" is unwrapped.
    private static string RemoveTextUnits(string s)
    {
        if (!TextCommands.Any(c => s.Contains(c + "{", StringComparison.Ordinal)) && !s.Contains("\\mbox{", StringComparison.Ordinal)) return s;
        var without = new StringBuilder();
        var unwrapped = new StringBuilder();
        var i = 0;
        while (i < s.Length)
        {
            var command = TextCommands.FirstOrDefault(c => string.CompareOrdinal(s, i, c + "{", 0, c.Length + 1) == 0);
            var close = command is null ? -1 : LatexBraces.FindClosing(s, i + command.Length);
            if (command is null || close < 0) { without.Append(s[i]); unwrapped.Append(s[i]); i++; continue; }
            var content = s[(i + command.Length + 1)..close];
            i = close + 1;
            if (command == "\\mathrm" && content.Trim().Length <= 1) { without.Append(content); unwrapped.Append(content); continue; }
            unwrapped.Append(content);
            if (Connectors.Contains(content.Trim())) without.Append(',');
            var unitPower = UnitPower().Match(s, i);
            if (unitPower.Success && unitPower.Index == i) i += unitPower.Length;
        }
        var rest = without.ToString();
        return rest.Any(c => char.IsLetterOrDigit(c) || c == '\\') ? rest : unwrapped.ToString().Trim();
    }

    private static readonly HashSet<string> MathWords = ["pi", "sin", "cos", "tan", "cot", "sec", "csc", "log", "ln", "exp", "sqrt", "and", "or"];

    // Plain-text units after a number: "18 dollars", "5 cm" -> "18", "5".
    private static string StripTrailingWords(string s)
    {
        var match = TrailingWords().Match(s);
        if (!match.Success) return s;
        var words = match.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Any(w => MathWords.Contains(w.ToLowerInvariant())) ? s : match.Groups[1].Value;
    }

    /// <summary>Braces the arguments of <paramref name="command"/> written without them: <c>\frac12</c> → <c>\frac{1}{2}</c>.</summary>
    private static string BraceShorthand(string s, string command, int arity)
    {
        var at = s.IndexOf(command, StringComparison.Ordinal);
        if (at < 0) return s;
        var result = new StringBuilder();
        var i = 0;
        while (at >= 0)
        {
            var after = at + command.Length;
            if (after < s.Length && char.IsAsciiLetter(s[after]))
            {
                result.Append(s, i, after - i);
                i = after;
                at = s.IndexOf(command, i, StringComparison.Ordinal);
                continue;
            }
            result.Append(s, i, after - i);
            i = after;
            if (command == "\\sqrt" && i < s.Length && s[i] == '[')
            {
                var closeIndex = s.IndexOf(']', i);
                if (closeIndex < 0) break;
                result.Append(s, i, closeIndex + 1 - i);
                i = closeIndex + 1;
            }
            for (var k = 0; k < arity; k++)
            {
                if (LatexBraces.ReadArgument(s, i) is not { } arg) break;
                result.Append('{').Append(arg.Argument).Append('}');
                i = arg.End;
            }
            at = s.IndexOf(command, i, StringComparison.Ordinal);
        }
        result.Append(s, i, s.Length - i);
        return result.ToString();
    }

    // Spaces are removed except between two letters, where they separate a command from its argument ("\sin x"), and between
    // two digits: digit groups of thousands were joined before, so "1 2" stays two numbers, which do not parse, and not 12.
    private static string CollapseSpaces(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsWhiteSpace(s[i])) { sb.Append(s[i]); continue; }
            var next = i + 1 < s.Length ? s[i + 1] : ' ';
            if (sb.Length == 0 || char.IsWhiteSpace(next)) continue;
            if ((char.IsLetter(sb[^1]) && char.IsLetter(next)) || (char.IsAsciiDigit(sb[^1]) && char.IsAsciiDigit(next))) sb.Append(' ');
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"(?<!\\)\\[,;:! ]|\\q?quad\b|~|\\displaystyle")]
    private static partial Regex SpacingCommands();

    [GeneratedRegex(@"\\(left|right)(?![a-zA-Z])\.?|\\[bB]igg?[lr]?(?![a-zA-Z])")]
    private static partial Regex LeftRight();

    [GeneratedRegex(@"(\d),\\!\s*(?=\d{3}(?!\d))")]
    private static partial Regex ThousandsWithThinSpace();

    // 1{,}000: the braced comma is LaTeX's way to write a comma inside a number, so it is read as thousands anywhere,
    // but only before a group of exactly three digits ("1{,}5", a decimal comma, is left alone and does not parse).
    [GeneratedRegex(@"(?<=\d)\{,\}(?=\d{3}(?!\d))")]
    private static partial Regex ThousandsWithBracedComma();

    // 1 000, 1\,000, 1\ 000 (spacing commands are spaces by now): a group of one to three digits, then groups of exactly three.
    [GeneratedRegex(@"(?<![\d.])\d{1,3}(?:\s+\d{3})+(?!\d)")]
    private static partial Regex ThousandsWithSpaces();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@",\s+\d")]
    private static partial Regex CommaThenSpace();

    [GeneratedRegex(@"\^\s*\{?\s*\\circ\s*\}?|\\circ|\^\s*\{?\s*\\degree\s*\}?|\\degree")]
    private static partial Regex Degrees();

    [GeneratedRegex(@"\s*\^\s*(\{[^{}]*\}|\d)")]
    private static partial Regex UnitPower();

    [GeneratedRegex(@"^(.*?[\d}])\s+([A-Za-z]{2,}(?:\s+[A-Za-z]+)*)\s*\.?$")]
    private static partial Regex TrailingWords();

    [GeneratedRegex(@"^\s*(\\approx|=)\s*")]
    private static partial Regex ApproxPrefix();

    [GeneratedRegex(@"^[a-zA-Z]\s*\\in\s*")]
    private static partial Regex MembershipPrefix();

    [GeneratedRegex(@"^-?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex CommaGrouped();

    [GeneratedRegex(@"^-?\d{1,3}(\.\d{3}){2,}(,\d+)?$")]
    private static partial Regex DotGrouped();
}
