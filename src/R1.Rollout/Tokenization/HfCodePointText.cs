using System.Globalization;
using System.Text;

namespace R1.Rollout.Tokenization;

/// <summary>
/// A view of a string with one <see cref="char"/> per Unicode code point, for running split patterns the way the
/// reference's JavaScript <c>u</c>-flag regexes do. Each supplementary code point (a surrogate pair, such as an emoji
/// or a CJK Extension B ideograph) is replaced by a BMP stand-in of the same general category, so <c>\p{L}</c>,
/// <c>\p{S}</c> and friends see it as one character. <see cref="ToUtf16"/> maps view offsets back to the original.
/// </summary>
internal sealed class HfCodePointText
{
    private readonly int[]? _utf16Offsets;   // view index -> original index (length + 1); null when identical

    public HfCodePointText(string text)
    {
        Text = text;
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF')) return;
        var view = new StringBuilder(text.Length);
        var offsets = new List<int>(text.Length + 1);
        for (int i = 0; i < text.Length; i++)
        {
            offsets.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                view.Append(StandIn(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text[i], text[i + 1]))));
                i++;
            }
            else view.Append(text[i]);
        }
        offsets.Add(text.Length);
        Text = view.ToString();
        _utf16Offsets = offsets.ToArray();
    }

    /// <summary>The view (equal to the original when it has no surrogates).</summary>
    public string Text { get; }

    /// <summary>Maps an offset in <see cref="Text"/> to the original string.</summary>
    public int ToUtf16(int viewOffset) => _utf16Offsets is null ? viewOffset : _utf16Offsets[viewOffset];

    /// <summary>A BMP character of the given category that no tokenizer pattern names literally (not ASCII, not CJK, not a space).</summary>
    internal static char StandIn(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter => '\u00C0',
        UnicodeCategory.LowercaseLetter => '\u00DF',
        UnicodeCategory.TitlecaseLetter => '\u01C5',
        UnicodeCategory.ModifierLetter => '\u02B0',
        UnicodeCategory.OtherLetter => '\u01BB',
        UnicodeCategory.NonSpacingMark => '\u0300',
        UnicodeCategory.SpacingCombiningMark => '\u0903',
        UnicodeCategory.EnclosingMark => '\u20DD',
        UnicodeCategory.DecimalDigitNumber => '\u0660',
        UnicodeCategory.LetterNumber => '\u2160',
        UnicodeCategory.OtherNumber => '\u00B2',
        UnicodeCategory.SpaceSeparator => '\u2000',
        UnicodeCategory.Format => '\u00AD',
        UnicodeCategory.PrivateUse => '\uE000',
        UnicodeCategory.ConnectorPunctuation => '\u203F',
        UnicodeCategory.DashPunctuation => '\u2010',
        UnicodeCategory.OpenPunctuation => '\u2045',
        UnicodeCategory.ClosePunctuation => '\u2046',
        UnicodeCategory.InitialQuotePunctuation => '\u00AB',
        UnicodeCategory.FinalQuotePunctuation => '\u00BB',
        UnicodeCategory.OtherPunctuation => '\u00A1',
        UnicodeCategory.MathSymbol => '\u00AC',
        UnicodeCategory.CurrencySymbol => '\u00A2',
        UnicodeCategory.ModifierSymbol => '\u00B4',
        UnicodeCategory.OtherSymbol => '\u00A9',
        _ => '\u0378',   // unassigned (Cn); no supplementary code point is a control, separator or surrogate
    };
}
