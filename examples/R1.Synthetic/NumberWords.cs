using System.Globalization;

namespace R1.Synthetic;

/// <summary>
/// English number words for 0–999 ("twenty three", "one hundred five"): the answer format of the <c>words</c> task type.
/// <see cref="ToWords"/> writes the canonical form; <see cref="TryParse"/> reads it back leniently (any case, hyphens, "and").
/// </summary>
public static class NumberWords
{
    private static readonly string[] Units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>The canonical words of <paramref name="value"/> (0–999), lower case, separated by single spaces.</summary>
    public static string ToWords(int value)
    {
        if (value is < 0 or > 999) throw new ArgumentOutOfRangeException(nameof(value), value, "Number words cover 0–999.");
        if (value < 20) return Units[value];
        if (value < 100) return value % 10 == 0 ? Tens[value / 10] : $"{Tens[value / 10]} {Units[value % 10]}";
        return value % 100 == 0 ? $"{Units[value / 100]} hundred" : $"{Units[value / 100]} hundred {ToWords(value % 100)}";
    }

    /// <summary>
    /// Reads number words (0–999) back into a value; <see langword="false"/> for anything else (digits, unknown words, a malformed order
    /// such as "three twenty").
    /// </summary>
    public static bool TryParse(string? text, out int value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var words = text.ToLower(CultureInfo.InvariantCulture).Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w != "and").ToArray();
        if (words.Length == 0) return false;
        int i = 0, total = 0;
        if (words.Length >= 2 && words[1] == "hundred")
        {
            int h = Array.IndexOf(Units, words[0]);
            if (h is < 1 or > 9) return false;
            total = h * 100;
            i = 2;
            if (i == words.Length) { value = total; return true; }
        }
        if (!TryParseBelowHundred(words[i..], out int rest) || (total > 0 && rest == 0)) return false;
        value = total + rest;
        return true;
    }

    private static bool TryParseBelowHundred(string[] words, out int value)
    {
        value = 0;
        int unit = words.Length >= 1 ? Array.IndexOf(Units, words[^1]) : -1;
        if (words.Length == 1)
        {
            int tens = Array.IndexOf(Tens, words[0]);
            value = unit >= 0 ? unit : tens >= 2 ? tens * 10 : -1;
            return value >= 0;
        }
        if (words.Length != 2) return false;
        int t = Array.IndexOf(Tens, words[0]);
        if (t < 2 || unit is < 1 or > 9) return false;
        value = t * 10 + unit;
        return true;
    }
}
