using System.Text.RegularExpressions;
using R1.Rewards.Abstractions;

namespace R1.Rewards.Readability;

/// <summary>
/// Drops chains of thought that contain a code block: a fenced block (a line starting, after optional indentation, with three or more
/// backticks or tildes, with or without a language; an unclosed fence counts, as in Markdown it runs to the end), and optionally HTML
/// <c>&lt;pre&gt;</c>/<c>&lt;code&gt;</c> markup and indented code (<see cref="CodeBlockFilterOptions"/>). Inline code in single
/// backticks, or a backtick run inside a line (<c>```x```</c> mid-sentence), is not a block.
/// </summary>
public sealed partial class CodeBlockFilter : IReadabilityFilter
{
    /// <summary>The filter name, <c>code-block</c>.</summary>
    public const string FilterName = "code-block";

    private readonly CodeBlockFilterOptions _options;

    /// <summary>Creates the filter with <paramref name="options"/> (defaults when <see langword="null"/>).</summary>
    public CodeBlockFilter(CodeBlockFilterOptions? options = null)
    {
        _options = options ?? new CodeBlockFilterOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => FilterName;

    /// <summary>The options in use.</summary>
    public CodeBlockFilterOptions Options => _options;

    /// <inheritdoc />
    public ReadabilityVerdict Check(RewardSample sample) => ReadabilityText.Run(Name, sample, _options.Target, (text, _) => CheckText(text));

    private ReadabilityVerdict CheckText(string text)
    {
        text = ReadabilityText.NormalizeNewlines(text);
        if (Fence().Match(text) is { Success: true } fence)
            return ReadabilityVerdict.Fail($"fenced code block ({Shown(fence.Value)}) at line {LineOf(text, fence.Index)}");
        if (_options.DetectHtmlCode && HtmlCode().Match(text) is { Success: true } tag)
            return ReadabilityVerdict.Fail($"HTML code markup ({Shown(tag.Value)}) at line {LineOf(text, tag.Index)}");
        if (_options.DetectIndentedCode && FindIndentedBlock(text) is { } line)
            return ReadabilityVerdict.Fail($"indented code block ({_options.MinIndentedLines}+ lines) at line {line}");
        return ReadabilityVerdict.Pass("no code block");
    }

    /// <summary>The 1-based line of the first run of <see cref="CodeBlockFilterOptions.MinIndentedLines"/> indented lines after a blank
    /// line, or <see langword="null"/>.</summary>
    private int? FindIndentedBlock(string text)
    {
        int line = 0, run = 0, runStart = 0;
        bool previousBlank = true;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var current = text.AsSpan(range);
            line++;
            bool blank = current.IsWhiteSpace();
            bool indented = !blank && (current.StartsWith("    ") || current.StartsWith("\t"));
            if (indented && (run > 0 || previousBlank))
            {
                if (run++ == 0) runStart = line;
                if (run >= _options.MinIndentedLines) return runStart;
            }
            else run = 0;
            previousBlank = blank;
        }
        return null;
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static string Shown(string match)
    {
        string trimmed = match.Trim();
        return trimmed.Length > 40 ? trimmed[..40] + "…" : trimmed;
    }

    // A fence opens a line (after spaces or tabs): 3+ backticks with an info string free of backticks, or 3+ tildes.
    [GeneratedRegex(@"^[ \t]*(?:`{3,}[^`\n]*|~{3,}[^\n]*)$", RegexOptions.Multiline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"<(?:pre|code)(?:\s[^<>\n]{0,200})?>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlCode();
}
