using System.Text;
using System.Text.RegularExpressions;

namespace R1.Rollout.Tokenization;

/// <summary>
/// Compiles a <c>tokenizer.json</c> split pattern into a .NET <see cref="Regex"/> that matches like the JavaScript
/// (<c>u</c> flag) engine of the reference tokenizers: <c>\s</c>, <c>\d</c>, <c>\w</c> and <c>.</c> get their
/// JavaScript meaning, and the inline case-insensitive contraction group is spelled out as ASCII classes.
/// Code points above U+FFFF are handled by <see cref="HfCodePointText"/>, which the pattern is run on.
/// </summary>
internal static class HfRegex
{
    // JavaScript's \s: WhiteSpace and LineTerminator of ECMA-262 (.NET's \s adds U+0085 and lacks U+FEFF).
    private const string JsSpace = @"\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";

    // Rewrites the reference applies before compiling (JavaScript has no inline modifiers).
    private static readonly (string From, string To)[] Rewrites =
    [
        ("(?i:'s|'t|'re|'ve|'m|'ll|'d)", "(?:'(?:[sS]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD]))"),
    ];

    /// <summary>Whether <paramref name="c"/> is whitespace for JavaScript (<c>\s</c>, <c>trim</c>).</summary>
    public static bool IsJsSpace(char c) => c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680' or (>= '\u2000' and <= '\u200A')
        or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' or '\uFEFF';

    public static Regex Create(string pattern)
    {
        foreach (var (from, to) in Rewrites) pattern = pattern.Replace(from, to, StringComparison.Ordinal);
        try
        {
            return new Regex(Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.Compiled);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"tokenizer.json: the split pattern '{pattern}' is not a supported regular expression: {e.Message}", e);
        }
    }

    private static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 64);
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                sb.Append(TranslateEscape(pattern[++i], inClass));
                continue;
            }
            if (c == '[' && !inClass)
            {
                if (pattern.AsSpan(i).StartsWith("[]") || pattern.AsSpan(i).StartsWith("[^]"))
                    throw new InvalidDataException($"tokenizer.json: the empty class in '{pattern}' is not supported.");
                inClass = true;
            }
            else if (c == ']' && inClass) inClass = false;
            sb.Append(c == '.' && !inClass ? @"[^\n\r\u2028\u2029]" : c.ToString());
        }
        return sb.ToString();
    }

    private static string TranslateEscape(char e, bool inClass) => e switch
    {
        's' => inClass ? JsSpace : $"[{JsSpace}]",
        'd' => inClass ? "0-9" : "[0-9]",
        'w' => inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]",
        'S' when !inClass => $"[^{JsSpace}]",
        'D' when !inClass => "[^0-9]",
        'W' when !inClass => "[^a-zA-Z0-9_]",
        'S' or 'D' or 'W' => throw new InvalidDataException($"tokenizer.json: '\\{e}' inside a character class is not supported."),
        _ => "\\" + e,
    };
}
