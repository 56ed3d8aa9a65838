using System.Text;
using R1.Rewards.Abstractions;
using R1.Rewards.Language;

namespace R1.Rewards.Readability;

/// <summary>
/// Drops degenerate loops: a chain of thought in which one n-gram of <see cref="RepeatedNGramFilterOptions.NGramSize"/> words occurs
/// more than <see cref="RepeatedNGramFilterOptions.MaxRepeats"/> times (overlapping occurrences count). Words are runs of letters and
/// digits compared case-insensitively; white space, punctuation and symbols separate them, and Han, Hiragana and Katakana count one word
/// per character. Linear in the text's length.
/// </summary>
public sealed class RepeatedNGramFilter : IReadabilityFilter
{
    /// <summary>The filter name, <c>repeated-ngram</c>.</summary>
    public const string FilterName = "repeated-ngram";

    private const ulong HashMultiplier = 0x9E3779B97F4A7C15UL;
    private readonly RepeatedNGramFilterOptions _options;

    /// <summary>Creates the filter with <paramref name="options"/> (defaults when <see langword="null"/>).</summary>
    public RepeatedNGramFilter(RepeatedNGramFilterOptions? options = null)
    {
        _options = options ?? new RepeatedNGramFilterOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => FilterName;

    /// <summary>The options in use.</summary>
    public RepeatedNGramFilterOptions Options => _options;

    /// <inheritdoc />
    public ReadabilityVerdict Check(RewardSample sample) => ReadabilityText.Run(Name, sample, _options.Target, (text, _) => CheckText(text));

    private ReadabilityVerdict CheckText(string text)
    {
        var words = Words(text);
        int n = _options.NGramSize;
        var ids = WordIds(text, words);
        var seen = new Dictionary<ulong, (int First, int Count)>();
        int most = 0;
        for (int i = 0; i + n <= ids.Length; i++)
        {
            ulong hash = 0;
            for (int k = 0; k < n; k++) hash = (hash + (ulong)ids[i + k] + 1) * HashMultiplier;
            if (!seen.TryGetValue(hash, out var entry)) { seen[hash] = (i, 1); continue; }
            if (!ids.AsSpan(entry.First, n).SequenceEqual(ids.AsSpan(i, n))) continue;   // a hash collision: not a repeat
            seen[hash] = entry = (entry.First, entry.Count + 1);
            most = System.Math.Max(most, entry.Count);
            if (entry.Count > _options.MaxRepeats)
                return ReadabilityVerdict.Fail($"the {n}-gram '{Shown(text, words, entry.First, n)}' occurs {entry.Count}+ times "
                    + $"(max {_options.MaxRepeats})");
        }
        return ReadabilityVerdict.Pass(most <= 1 ? $"no repeated {n}-gram" : $"the most repeated {n}-gram occurs {most} times");
    }

    /// <summary>The (start, length) of each word of <paramref name="text"/>.</summary>
    private static List<(int Start, int Length)> Words(string text)
    {
        var words = new List<(int, int)>();
        int start = -1;
        for (int i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out int used);
            bool letter = Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark;
            bool perCharacter = letter && ScriptClassifier.IsCountedPerCharacter(ScriptClassifier.Classify(rune));
            if ((!letter || perCharacter) && start >= 0) { words.Add((start, i - start)); start = -1; }
            if (perCharacter) words.Add((i, used));
            else if (letter && start < 0) start = i;
            i += used;
        }
        if (start >= 0) words.Add((start, text.Length - start));
        return words;
    }

    /// <summary>A small integer per distinct word (case-insensitive), in text order.</summary>
    private static int[] WordIds(string text, List<(int Start, int Length)> words)
    {
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var result = new int[words.Count];
        for (int w = 0; w < words.Count; w++)
        {
            var word = text.AsSpan(words[w].Start, words[w].Length);
            if (!lookup.TryGetValue(word, out int id)) lookup[word] = id = ids.Count;
            result[w] = id;
        }
        return result;
    }

    private static string Shown(string text, List<(int Start, int Length)> words, int first, int n)
    {
        var (start, _) = words[first];
        var (lastStart, lastLength) = words[first + n - 1];
        string gram = text[start..(lastStart + lastLength)].ReplaceLineEndings(" ");
        return gram.Length > 60 ? gram[..60] + "…" : gram;
    }
}
