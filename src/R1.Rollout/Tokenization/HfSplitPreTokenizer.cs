using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace R1.Rollout.Tokenization;

/// <summary>
/// A sequence of Hugging Face <c>Split</c> pre-tokenizers with the <c>Isolated</c> behaviour: each pattern splits every
/// piece left by the previous one into its matches and the gaps between them. This is DeepSeek-V3's pre-tokenizer
/// (digit runs of up to three, then CJK runs, then a GPT-4-like pattern) and, with a single pattern, Qwen's.
/// Patterns match with JavaScript semantics on code points (see <see cref="HfRegex"/> and <see cref="HfCodePointText"/>),
/// like the reference implementation.
/// </summary>
internal sealed class HfSplitPreTokenizer : PreTokenizer
{
    private readonly Regex[] _patterns;

    /// <summary>Creates the pre-tokenizer from the <c>Regex</c> strings of the <c>Split</c> steps, in order.</summary>
    /// <exception cref="InvalidDataException">A pattern is not a valid regular expression.</exception>
    public HfSplitPreTokenizer(IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Count == 0) throw new ArgumentException("At least one split pattern is needed.", nameof(patterns));
        Patterns = patterns.ToArray();
        _patterns = patterns.Select(HfRegex.Create).ToArray();
    }

    /// <summary>The split patterns as written in <c>tokenizer.json</c>.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <inheritdoc />
    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) =>
        string.IsNullOrEmpty(text) ? [] : Split(text);

    /// <inheritdoc />
    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) =>
        text.IsEmpty ? [] : Split(text.ToString());

    private List<(int Offset, int Length)> Split(string text)
    {
        var view = new HfCodePointText(text);
        var pieces = new List<(int Offset, int Length)> { (0, view.Text.Length) };
        foreach (var pattern in _patterns) pieces = SplitAll(view.Text, pieces, pattern);
        return pieces.ConvertAll(p => (view.ToUtf16(p.Offset), view.ToUtf16(p.Offset + p.Length) - view.ToUtf16(p.Offset)));
    }

    // Each piece is matched on its own, so anchors and lookarounds see the piece's ends (as in the reference).
    private static List<(int Offset, int Length)> SplitAll(string text, List<(int Offset, int Length)> pieces, Regex pattern)
    {
        var result = new List<(int Offset, int Length)>(pieces.Count * 2);
        foreach (var (offset, length) in pieces)
        {
            int previous = 0;
            foreach (var m in pattern.EnumerateMatches(text.AsSpan(offset, length)))
            {
                if (m.Index > previous) result.Add((offset + previous, m.Index - previous));
                if (m.Length > 0) result.Add((offset + m.Index, m.Length));
                previous = m.Index + m.Length;
            }
            if (previous < length) result.Add((offset + previous, length - previous));
        }
        return result;
    }
}
