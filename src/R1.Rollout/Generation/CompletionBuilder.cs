using R1.Rollout.Tokenization;

namespace R1.Rollout.Generation;

/// <summary>Cuts a row of generated ids at its first EOS id or stop string and decodes it into a <see cref="GenerationResult"/>.</summary>
internal sealed class CompletionBuilder(ITextTokenizer tokenizer, IReadOnlyList<int> eosIds, IReadOnlyList<string> stopStrings)
{
    private readonly HashSet<int> _eos = [.. eosIds];

    /// <summary>Builds the result for <paramref name="ids"/> (all generated ids of the row, padding after EOS included).</summary>
    public GenerationResult Build(IReadOnlyList<int> promptIds, ReadOnlySpan<long> ids, ReadOnlySpan<float> logProbs)
    {
        int eosAt = -1;
        for (int i = 0; i < ids.Length && eosAt < 0; i++) if (_eos.Contains((int)ids[i])) eosAt = i;
        int end = eosAt >= 0 ? eosAt : ids.Length;                          // tokens before EOS
        var body = new int[end];
        for (int i = 0; i < end; i++) body[i] = (int)ids[i];
        var stop = FindStop(body);
        if (stop is { } s)
            return new GenerationResult(promptIds, body[..s.Tokens], s.Text, logProbs[..s.Tokens].ToArray(), FinishReason.Stop);
        string text = tokenizer.Decode(body);
        if (eosAt >= 0)
            return new GenerationResult(promptIds, [.. body, (int)ids[eosAt]], text, logProbs[..(eosAt + 1)].ToArray(), FinishReason.Stop);
        return new GenerationResult(promptIds, body, text, logProbs.ToArray(), FinishReason.Length);
    }

    /// <summary>Whether the decoded <paramref name="ids"/> already contain a stop string.</summary>
    public bool HasStop(IReadOnlyList<int> ids) => stopStrings.Count > 0 && IndexOfStop(tokenizer.Decode(ids)) is not null;

    /// <summary>The fewest tokens whose text contains a stop string, and that text cut right after the stop string.</summary>
    private (int Tokens, string Text)? FindStop(int[] body)
    {
        if (stopStrings.Count == 0 || IndexOfStop(tokenizer.Decode(body)) is null) return null;
        int lo = 1, hi = body.Length;                                          // smallest prefix containing a stop string
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (IndexOfStop(tokenizer.Decode(body[..mid])) is null) lo = mid + 1; else hi = mid;
        }
        string text = tokenizer.Decode(body[..lo]);
        return (lo, text[..IndexOfStop(text)!.Value]);
    }

    /// <summary>The end index of the earliest stop string in <paramref name="text"/>, or null.</summary>
    private int? IndexOfStop(string text)
    {
        int? best = null, bestStart = null;
        foreach (var s in stopStrings)
        {
            int at = text.IndexOf(s, StringComparison.Ordinal);
            if (at >= 0 && (bestStart is null || at < bestStart)) (bestStart, best) = (at, at + s.Length);
        }
        return best;
    }
}
