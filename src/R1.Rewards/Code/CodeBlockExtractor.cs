using System.Text.RegularExpressions;

namespace R1.Rewards.Code;

/// <summary>
/// Finds the program in a completion: the last fenced block (<c>```python … ```</c>) of the answer (the text after
/// <c>&lt;/think&gt;</c> when there is one), a final unclosed fence's remainder (a truncated generation), or else the
/// whole answer.
/// </summary>
internal static partial class CodeBlockExtractor
{
    /// <summary>The extracted code, or <see langword="null"/> when the answer holds no code at all.</summary>
    public static ExtractedCode? Extract(string completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        string answer = AnswerPart(completion);
        var blocks = ClosedFence().Matches(answer);
        if (blocks.Count > 0)
        {
            var last = blocks[^1];
            string rest = answer[(last.Index + last.Length)..];
            var unclosed = OpenFence().Match(rest);
            return unclosed.Success ? Make(rest[(unclosed.Index + unclosed.Length)..], unclosed.Groups["lang"].Value)
                                    : Make(last.Groups["code"].Value, last.Groups["lang"].Value);
        }
        var open = OpenFence().Match(answer);
        if (open.Success) return Make(answer[(open.Index + open.Length)..], open.Groups["lang"].Value);
        return string.IsNullOrWhiteSpace(answer) ? null : new ExtractedCode(answer.Trim('\n', '\r'), null, Fenced: false);
    }

    /// <summary>Whether a fence tag names Python (<c>python</c>, <c>py</c>, <c>python3</c>) or is absent.</summary>
    public static bool IsPython(string? language) => language is null or "python" or "py" or "python3";

    private static string AnswerPart(string completion)
    {
        int end = completion.LastIndexOf("</think>", StringComparison.Ordinal);
        return end < 0 ? completion : completion[(end + "</think>".Length)..];
    }

    private static ExtractedCode? Make(string code, string language)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        return new ExtractedCode(code.Trim('\n', '\r'), language.Length == 0 ? null : language.ToLowerInvariant(), Fenced: true);
    }

    [GeneratedRegex(@"^[ \t]*```[ \t]*(?<lang>[\w+#.-]*)[^\n]*\n(?<code>.*?)```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ClosedFence();

    [GeneratedRegex(@"^[ \t]*```[ \t]*(?<lang>[\w+#.-]*)[^\n]*\n", RegexOptions.Multiline)]
    private static partial Regex OpenFence();
}
