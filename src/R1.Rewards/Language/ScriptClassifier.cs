using System.Globalization;
using System.Text;

namespace R1.Rewards.Language;

/// <summary>Maps a Unicode scalar to its <see cref="Script"/> by code-point block (a fast table, no ICU).</summary>
internal static class ScriptClassifier
{
    /// <summary>The script of a letter; <see cref="Script.None"/> for anything that is not a letter or a combining mark.</summary>
    public static Script Classify(Rune rune)
    {
        int c = rune.Value;
        var category = Rune.GetUnicodeCategory(rune);
        bool letter = category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark;
        if (!letter) return Script.None;
        return c switch
        {
            < 0x0250 => Script.Latin,
            < 0x02B0 => Script.Latin,                         // IPA extensions
            < 0x0300 => Script.None,                          // spacing modifier letters (ʼ ˈ ʰ …)
            >= 0x0300 and < 0x0370 => Script.None,            // combining diacritics: inherit, handled by the counter
            >= 0x0370 and < 0x0400 => Script.Greek,
            >= 0x0400 and < 0x0530 => Script.Cyrillic,
            >= 0x0530 and < 0x0590 => Script.Armenian,
            >= 0x0590 and < 0x0600 => Script.Hebrew,
            >= 0x0600 and < 0x0700 => Script.Arabic,
            >= 0x0750 and < 0x0780 => Script.Arabic,
            >= 0x0900 and < 0x0980 => Script.Devanagari,
            >= 0x0980 and < 0x0A00 => Script.Bengali,
            >= 0x0E00 and < 0x0E80 => Script.Thai,
            >= 0x10A0 and < 0x1100 => Script.Georgian,
            >= 0x1100 and < 0x1200 => Script.Hangul,
            >= 0x1C80 and < 0x1C90 => Script.Cyrillic,
            >= 0x1E00 and < 0x1F00 => Script.Latin,
            >= 0x1F00 and < 0x2000 => Script.Greek,
            >= 0x2C60 and < 0x2C80 => Script.Latin,
            >= 0x2DE0 and < 0x2E00 => Script.Cyrillic,
            >= 0x3005 and <= 0x3007 => Script.Han,            // 々 〆 〇
            >= 0x3040 and < 0x30A0 => Script.Hiragana,
            >= 0x30A0 and < 0x3100 => Script.Katakana,
            >= 0x3130 and < 0x3190 => Script.Hangul,
            >= 0x31F0 and < 0x3200 => Script.Katakana,
            >= 0x3400 and < 0x4DC0 => Script.Han,
            >= 0x4E00 and < 0xA000 => Script.Han,
            >= 0xA640 and < 0xA6A0 => Script.Cyrillic,
            >= 0xA720 and < 0xA800 => Script.Latin,
            >= 0xA960 and < 0xA980 => Script.Hangul,
            >= 0xAB30 and < 0xAB70 => Script.Latin,
            >= 0xAC00 and < 0xD7B0 => Script.Hangul,
            >= 0xD7B0 and < 0xD800 => Script.Hangul,
            >= 0xF900 and < 0xFB00 => Script.Han,
            >= 0xFB1D and < 0xFB50 => Script.Hebrew,
            >= 0xFB50 and < 0xFE00 => Script.Arabic,
            >= 0xFE70 and < 0xFF00 => Script.Arabic,
            >= 0xFF21 and < 0xFF5B => Script.Latin,           // full-width A-Z, a-z
            >= 0xFF66 and < 0xFFA0 => Script.Katakana,        // half-width katakana
            >= 0xFFA0 and < 0xFFE0 => Script.Hangul,          // half-width hangul
            >= 0x20000 and < 0x32000 => Script.Han,           // CJK extensions B–H
            _ => Script.OtherLetter,
        };
    }

    /// <summary>Whether <paramref name="script"/> is written without spaces between words, so each character counts as one unit.</summary>
    public static bool IsCountedPerCharacter(Script script) => script is Script.Han or Script.Hiragana or Script.Katakana;
}
