namespace R1.Rewards.Language;

/// <summary>
/// Which scripts count as a language's own words, and a script-based guess of a text's language.
/// Script is all this knows: it cannot tell French from English or Russian from Ukrainian; each script family is
/// reported as its most common language (Latin → <c>en</c>, Cyrillic → <c>ru</c>, Arabic → <c>ar</c>, Devanagari → <c>hi</c>).
/// </summary>
internal static class LanguageScripts
{
    private static readonly Script[] Latin = [Script.Latin];
    private static readonly Dictionary<string, Script[]> ByLanguage = Build();

    /// <summary>The ISO 639-1 codes this table knows.</summary>
    public static IReadOnlyCollection<string> KnownLanguages => ByLanguage.Keys;

    /// <summary>
    /// The scripts of <paramref name="language"/> (an ISO 639-1 code, optionally with a region such as <c>ko-KR</c>; case-insensitive).
    /// Korean counts Hangul only (Hanja are rare in modern text), Japanese counts Han, Hiragana and Katakana, Chinese counts Han.
    /// </summary>
    public static bool TryGetScripts(string language, out IReadOnlyList<Script> scripts)
    {
        ArgumentNullException.ThrowIfNull(language);
        string code = language.Trim().Split('-', '_')[0].ToLowerInvariant();
        bool found = ByLanguage.TryGetValue(code, out var list);
        scripts = list ?? [];
        return found;
    }

    /// <summary>
    /// Guesses the language of a text from its word counts: any kana among the CJK units (at least 10%) means Japanese; otherwise the
    /// dominant script decides. <see langword="null"/> when the text has no counted words.
    /// </summary>
    public static string? Detect(ScriptWordCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int kana = counts[Script.Hiragana] + counts[Script.Katakana];
        int cjk = kana + counts[Script.Han];
        var dominant = counts.Dominant;
        if (kana > 0 && kana * 10 >= cjk && dominant is Script.Han or Script.Hiragana or Script.Katakana) return "ja";
        return dominant switch
        {
            Script.None => null,
            Script.Latin => "en",
            Script.Cyrillic => "ru",
            Script.Greek => "el",
            Script.Armenian => "hy",
            Script.Georgian => "ka",
            Script.Hebrew => "he",
            Script.Arabic => "ar",
            Script.Devanagari => "hi",
            Script.Bengali => "bn",
            Script.Thai => "th",
            Script.Hangul => "ko",
            Script.Han => "zh",
            Script.Hiragana or Script.Katakana => "ja",
            _ => null,
        };
    }

    private static Dictionary<string, Script[]> Build()
    {
        var map = new Dictionary<string, Script[]>(StringComparer.OrdinalIgnoreCase);
        const string latinLanguages = "en fr de es it pt nl sv da no nb nn is fi et lv lt pl cs sk sl hr bs ro hu tr az vi id ms tl sw ca eu gl ga "
            + "cy sq af la eo uz";
        foreach (var code in latinLanguages.Split(' '))
            map[code] = Latin;
        foreach (var code in "ru uk be bg sr mk kk ky tg mn".Split(' '))
            map[code] = [Script.Cyrillic];
        foreach (var code in "ar fa ur ps".Split(' '))
            map[code] = [Script.Arabic];
        foreach (var code in "hi mr ne sa".Split(' '))
            map[code] = [Script.Devanagari];
        map["el"] = [Script.Greek];
        map["hy"] = [Script.Armenian];
        map["ka"] = [Script.Georgian];
        map["he"] = [Script.Hebrew];
        map["yi"] = [Script.Hebrew];
        map["bn"] = [Script.Bengali];
        map["th"] = [Script.Thai];
        map["ko"] = [Script.Hangul];
        map["zh"] = [Script.Han];
        map["ja"] = [Script.Han, Script.Hiragana, Script.Katakana];
        return map;
    }
}
