namespace R1.Rollout.Tokenization;

/// <summary>
/// Cuts text into plain sections and added tokens: scanning left to right, the longest added token starting at each
/// position wins (the rule of the Hugging Face tokenizers). Tokens with <c>lstrip</c>/<c>rstrip</c> trim the whitespace
/// of their neighbouring sections.
/// </summary>
internal sealed class HfAddedTokenSplitter
{
    private readonly Dictionary<char, HfAddedToken[]> _byFirstChar;   // candidates, longest first

    public HfAddedTokenSplitter(IEnumerable<HfAddedToken> tokens)
    {
        _byFirstChar = tokens.Where(t => t.Content.Length > 0)
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
    }

    /// <summary>A section of the input: either plain text (<see cref="Token"/> is null) or one added token.</summary>
    public readonly record struct Section(string Text, HfAddedToken? Token);

    public List<Section> Split(string text)
    {
        var sections = new List<Section>();
        int start = 0;
        for (int i = 0; i < text.Length;)
        {
            var token = Match(text, i);
            if (token is null) { i++; continue; }
            if (i > start) sections.Add(new Section(text[start..i], null));
            sections.Add(new Section(token.Content, token));
            i += token.Content.Length;
            start = i;
        }
        if (start < text.Length) sections.Add(new Section(text[start..], null));
        Strip(sections);
        return sections;
    }

    private HfAddedToken? Match(string text, int at)
    {
        if (!_byFirstChar.TryGetValue(text[at], out var candidates)) return null;
        foreach (var t in candidates)
            if (string.CompareOrdinal(text, at, t.Content, 0, t.Content.Length) == 0) return t;
        return null;
    }

    // JavaScript's trimEnd/trimStart whitespace, as the reference strips with them.
    private static readonly char[] JsSpaces = Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(HfRegex.IsJsSpace).ToArray();

    private static void Strip(List<Section> sections)
    {
        for (int i = 0; i < sections.Count; i++)
        {
            if (sections[i].Token is not { } token) continue;
            if (token.LStrip && i > 0 && sections[i - 1].Token is null)
                sections[i - 1] = sections[i - 1] with { Text = sections[i - 1].Text.AsSpan().TrimEnd(JsSpaces).ToString() };
            if (token.RStrip && i + 1 < sections.Count && sections[i + 1].Token is null)
                sections[i + 1] = sections[i + 1] with { Text = sections[i + 1].Text.AsSpan().TrimStart(JsSpaces).ToString() };
        }
    }
}
