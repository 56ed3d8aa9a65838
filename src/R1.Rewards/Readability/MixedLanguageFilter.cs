using System.Globalization;
using R1.Rewards.Abstractions;
using R1.Rewards.Language;

namespace R1.Rewards.Readability;

/// <summary>
/// Drops chains of thought that mix languages: the language-consistency score (the share of counted words in the target language's
/// scripts, counted by <see cref="ScriptWordCounter"/> as the <c>language</c> reward counts them: math and numbers neutral, Han per
/// character) is below <see cref="MixedLanguageFilterOptions.Threshold"/>. The target is the sample's <see cref="RewardSample.Language"/>,
/// else <see cref="MixedLanguageFilterOptions.DefaultLanguage"/>, else the text's dominant language. A text with fewer than
/// <see cref="MixedLanguageFilterOptions.MinWords"/> counted words passes. Being script-based, it cannot tell apart languages that
/// share a script (French inside English passes).
/// </summary>
public sealed class MixedLanguageFilter : IReadabilityFilter
{
    /// <summary>The filter name, <c>mixed-language</c>.</summary>
    public const string FilterName = "mixed-language";

    private readonly MixedLanguageFilterOptions _options;

    /// <summary>Creates the filter with <paramref name="options"/> (defaults when <see langword="null"/>).</summary>
    public MixedLanguageFilter(MixedLanguageFilterOptions? options = null)
    {
        _options = options ?? new MixedLanguageFilterOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => FilterName;

    /// <summary>The options in use.</summary>
    public MixedLanguageFilterOptions Options => _options;

    /// <inheritdoc />
    public ReadabilityVerdict Check(RewardSample sample) => ReadabilityText.Run(Name, sample, _options.Target, CheckText);

    private ReadabilityVerdict CheckText(string text, RewardSample sample)
    {
        var counts = ScriptWordCounter.Count(text, _options.NeutralizeMath);
        if (counts.Total < _options.MinWords)
            return ReadabilityVerdict.Pass($"too few words to judge: {counts.Total} counted (need {_options.MinWords})");
        var (target, source) = ResolveTarget(sample, counts);
        int inTarget = target != null && LanguageScripts.TryGetScripts(target, out var scripts)
            ? counts.CountIn(scripts)
            : counts[counts.Dominant];
        double share = (double)inTarget / counts.Total;
        string shown = share.ToString("0.###", CultureInfo.InvariantCulture);
        string detail = $"{inTarget}/{counts.Total} words in {target ?? counts.Dominant.ToString()} ({source}); {counts}";
        return share < _options.Threshold
            ? ReadabilityVerdict.Fail($"language consistency {shown} below {_options.Threshold.ToString(CultureInfo.InvariantCulture)}: {detail}")
            : ReadabilityVerdict.Pass($"language consistency {shown}: {detail}");
    }

    private (string? Target, string Source) ResolveTarget(RewardSample sample, ScriptWordCounts counts)
    {
        if (!string.IsNullOrWhiteSpace(sample.Language))
            return LanguageScripts.TryGetScripts(sample.Language, out _)
                ? (sample.Language, "sample")
                : (LanguageScripts.Detect(counts), $"unknown sample language '{sample.Language}', dominant");
        if (!string.IsNullOrWhiteSpace(_options.DefaultLanguage)) return (_options.DefaultLanguage, "default");
        return (LanguageScripts.Detect(counts), "dominant");
    }
}
