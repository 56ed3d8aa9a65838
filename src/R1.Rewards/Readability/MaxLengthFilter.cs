using System.Text;
using R1.Rewards.Abstractions;

namespace R1.Rewards.Readability;

/// <summary>
/// Drops chains of thought (or, with <see cref="ReadabilityTarget.WholeCompletion"/>, completions) longer than
/// <see cref="MaxLengthFilterOptions.MaxChars"/> characters or <see cref="MaxLengthFilterOptions.MaxWords"/> words.
/// </summary>
public sealed class MaxLengthFilter : IReadabilityFilter
{
    /// <summary>The filter name, <c>max-length</c>.</summary>
    public const string FilterName = "max-length";

    private readonly MaxLengthFilterOptions _options;

    /// <summary>Creates the filter with <paramref name="options"/> (defaults when <see langword="null"/>).</summary>
    public MaxLengthFilter(MaxLengthFilterOptions? options = null)
    {
        _options = options ?? new MaxLengthFilterOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => FilterName;

    /// <summary>The options in use.</summary>
    public MaxLengthFilterOptions Options => _options;

    /// <inheritdoc />
    public ReadabilityVerdict Check(RewardSample sample) => ReadabilityText.Run(Name, sample, _options.Target, (text, _) => CheckText(text));

    private ReadabilityVerdict CheckText(string text)
    {
        int chars = 0, words = 0;
        bool inWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            chars++;
            bool space = Rune.IsWhiteSpace(rune);
            if (!space && !inWord) words++;
            inWord = !space;
        }
        if (_options.MaxChars > 0 && chars > _options.MaxChars)
            return ReadabilityVerdict.Fail($"{chars} characters (max {_options.MaxChars})");
        if (_options.MaxWords > 0 && words > _options.MaxWords)
            return ReadabilityVerdict.Fail($"{words} words (max {_options.MaxWords})");
        return ReadabilityVerdict.Pass($"{chars} characters, {words} words");
    }
}
