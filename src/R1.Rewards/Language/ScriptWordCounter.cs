using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace R1.Rewards.Language;

/// <summary>
/// Counts the words of a text by script. A word is a run of letters of one script (apostrophes and hyphens between letters
/// join a run; combining marks extend it), so space-separated scripts (Latin, Cyrillic, Hangul, …) count words and Korean
/// counts eojeol. Han, Hiragana and Katakana have no spaces between words: <b>each of their characters counts as one unit</b>
/// (a Chinese word averages about 1.5 characters, so against Latin words CJK text weighs about 1.5 times its word share).
/// Thai runs between spaces count as one unit each (Thai spaces separate phrases, so Thai is under-counted).
/// Neutral, never counted: digits, punctuation, symbols, LaTeX math (<c>$…$</c>, <c>$$…$$</c>, <c>\(…\)</c>, <c>\[…\]</c>,
/// <c>\begin…\end</c>), LaTeX commands, code in backticks, markup tags (<c>&lt;answer&gt;</c>) and special tokens
/// (<c>&lt;|im_end|&gt;</c>), and single Latin or Greek letters (variables such as <c>x</c>).
/// </summary>
public static partial class ScriptWordCounter
{
    /// <summary>Counts the word units of <paramref name="text"/>; with <paramref name="neutralizeMath"/> off, math and code are counted
    /// too.</summary>
    public static ScriptWordCounts Count(string text, bool neutralizeMath = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (neutralizeMath) text = MathAndCode().Replace(text, " ");
        var counts = new ScriptWordCounts();
        var run = Script.None;
        int runLength = 0;
        bool joined = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (run != Script.None && IsMark(rune)) { runLength++; continue; }
            var script = ScriptClassifier.Classify(rune);
            if (script != Script.None && script == run && !ScriptClassifier.IsCountedPerCharacter(script)) { runLength++; joined = false; continue; }
            if (script == Script.None && run != Script.None && !joined && IsJoiner(rune)) { joined = true; continue; }
            Flush(counts, ref run, ref runLength);
            joined = false;
            if (ScriptClassifier.IsCountedPerCharacter(script)) counts.Add(script);
            else if (script != Script.None) { run = script; runLength = 1; }
        }
        Flush(counts, ref run, ref runLength);
        return counts;
    }

    private static void Flush(ScriptWordCounts counts, ref Script run, ref int runLength)
    {
        bool variable = runLength == 1 && run is Script.Latin or Script.Greek;
        if (run != Script.None && !variable) counts.Add(run);
        run = Script.None;
        runLength = 0;
    }

    private static bool IsMark(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format;

    private static bool IsJoiner(Rune rune) => rune.Value is '\'' or '’' or '-' or '‐';

    // Fenced and inline code; display and inline LaTeX math (a '$' pair must hug its content and the closing '$' must not
    // be followed by a digit, so prices such as "$2 ... $3" stay text); environments; markup tags and special tokens; remaining \commands.
    [GeneratedRegex(@"```[\s\S]*?```|`[^`\n]*`|\$\$[\s\S]*?\$\$|\\\[[\s\S]*?\\\]|\\\([\s\S]*?\\\)|\\begin\{(\w+\*?)\}[\s\S]*?\\end\{\1\}|\$(?=\S)(?"
        + @":[^$\n\\]|\\.){1,300}?(?<=\S)\$(?!\d)|</?[A-Za-z][\w-]{0,30}>|<[|｜][^<>]{1,64}[|｜]>|\\[A-Za-z]+")]
    private static partial Regex MathAndCode();
}
