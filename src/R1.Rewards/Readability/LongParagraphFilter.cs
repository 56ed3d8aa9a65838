using System.Text;
using R1.Rewards.Abstractions;

namespace R1.Rewards.Readability;

/// <summary>
/// Drops chains of thought with a paragraph longer than <see cref="LongParagraphFilterOptions.MaxChars"/> characters or
/// <see cref="LongParagraphFilterOptions.MaxWords"/> words. Paragraphs are separated by blank lines (lines of white space only);
/// <c>\r\n</c> and <c>\r</c> count as line breaks. One pass over the text, no allocation per line.
/// </summary>
public sealed class LongParagraphFilter : IReadabilityFilter
{
    /// <summary>The filter name, <c>long-paragraph</c>.</summary>
    public const string FilterName = "long-paragraph";

    private readonly LongParagraphFilterOptions _options;

    /// <summary>Creates the filter with <paramref name="options"/> (defaults when <see langword="null"/>).</summary>
    public LongParagraphFilter(LongParagraphFilterOptions? options = null)
    {
        _options = options ?? new LongParagraphFilterOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => FilterName;

    /// <summary>The options in use.</summary>
    public LongParagraphFilterOptions Options => _options;

    /// <inheritdoc />
    public ReadabilityVerdict Check(RewardSample sample) => ReadabilityText.Run(Name, sample, _options.Target, (text, _) => CheckText(text));

    private ReadabilityVerdict CheckText(string text)
    {
        int paragraph = 0, longestChars = 0, longestWords = 0;
        foreach (var (chars, words) in Paragraphs(text))
        {
            paragraph++;
            if (_options.MaxChars > 0 && chars > _options.MaxChars)
                return ReadabilityVerdict.Fail($"paragraph {paragraph} has {chars} characters (max {_options.MaxChars})");
            if (_options.MaxWords > 0 && words > _options.MaxWords)
                return ReadabilityVerdict.Fail($"paragraph {paragraph} has {words} words (max {_options.MaxWords})");
            longestChars = System.Math.Max(longestChars, chars);
            longestWords = System.Math.Max(longestWords, words);
        }
        return ReadabilityVerdict.Pass($"{paragraph} paragraphs, the longest {longestChars} characters and {longestWords} words");
    }

    /// <summary>The (characters, words) of each paragraph, in order. White space at a paragraph's ends is not counted.</summary>
    private static IEnumerable<(int Chars, int Words)> Paragraphs(string text)
    {
        int chars = 0, words = 0, pendingSpace = 0;
        bool inWord = false, lineHasText = false;
        for (int i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out int used);
            i += used;
            bool newline = rune.Value is '\n' or '\r';
            if (newline && rune.Value == '\r' && i < text.Length && text[i] == '\n') i++;
            if (newline && !lineHasText && chars > 0)
            {
                yield return (chars, words);                      // a blank line ends the paragraph
                chars = words = pendingSpace = 0;
            }
            if (newline || Rune.IsWhiteSpace(rune))
            {
                inWord = false;
                if (chars > 0) pendingSpace++;
                if (newline) lineHasText = false;
                continue;
            }
            if (!inWord) words++;
            inWord = true;
            lineHasText = true;
            chars += pendingSpace + 1;
            pendingSpace = 0;
        }
        if (chars > 0) yield return (chars, words);
    }
}
