namespace R1.Rewards.Language;

/// <summary>The writing systems that <see cref="ScriptClassifier"/> tells apart.</summary>
public enum Script
{
    /// <summary>Not a letter (digits, punctuation, symbols, spaces): neutral, never counted.</summary>
    None,
    /// <summary>A letter of a script not listed here (counted, never matches a target).</summary>
    OtherLetter,
    /// <summary>Latin letters (English, French, German, Spanish, Vietnamese, …), including full-width forms.</summary>
    Latin,
    /// <summary>Cyrillic (Russian, Ukrainian, Bulgarian, Serbian, …).</summary>
    Cyrillic,
    /// <summary>Greek.</summary>
    Greek,
    /// <summary>Armenian.</summary>
    Armenian,
    /// <summary>Georgian.</summary>
    Georgian,
    /// <summary>Hebrew.</summary>
    Hebrew,
    /// <summary>Arabic (Arabic, Persian, Urdu).</summary>
    Arabic,
    /// <summary>Devanagari (Hindi, Marathi, Nepali).</summary>
    Devanagari,
    /// <summary>Bengali.</summary>
    Bengali,
    /// <summary>Thai.</summary>
    Thai,
    /// <summary>Hangul (Korean).</summary>
    Hangul,
    /// <summary>Han ideographs (Chinese hanzi, Japanese kanji, Korean hanja).</summary>
    Han,
    /// <summary>Hiragana (Japanese).</summary>
    Hiragana,
    /// <summary>Katakana (Japanese), including the prolonged sound mark and half-width forms.</summary>
    Katakana,
}
