using static TorchSharp.torch;

namespace R1.Rollout.Generation;

/// <summary>
/// Each row with its own sampling settings and its own random generator (seeded by its <see cref="SamplingOptions.Seed"/>), so a
/// row's tokens depend only on its prompt, its settings and its seed, not on the other rows of the batch. Rows that asked for
/// <see cref="GenerationRequest.TopLogProbs"/> also get the model's own log-probs recorded at every step.
/// </summary>
internal sealed class PerRowTokenSampler : ITokenSampler
{
    private readonly IReadOnlyList<GenerationRequest> _requests;
    private readonly Generator[] _generators;
    private readonly List<TokenLogProbs>?[] _recorded;

    public PerRowTokenSampler(IReadOnlyList<GenerationRequest> requests, Device device)
    {
        _requests = requests;
        _generators = requests.Select(r => new Generator((ulong)(r.Options.Seed ?? Random.Shared.NextInt64()), device)).ToArray();
        _recorded = requests.Select(r => r.TopLogProbs is null ? null : new List<TokenLogProbs>()).ToArray();
    }

    /// <summary>The model log-probs recorded for original row <paramref name="row"/> (null when it asked for none).</summary>
    public IReadOnlyList<TokenLogProbs>? Recorded(int row) => _recorded[row];

    public (Tensor Ids, Tensor LogProbs) Sample(Tensor logits, IReadOnlyList<int> rows)
    {
        using var scope = NewDisposeScope();
        var ids = zeros([rows.Count, 1], ScalarType.Int64, logits.device);
        var logProbs = zeros([rows.Count, 1], ScalarType.Float32, logits.device);
        // Rows with the same processing settings share one pass over their logits; only the random draw is per row.
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => Settings(_requests[rows[i]].Options)))
        {
            var active = group.ToArray();
            var at = tensor(active.Select(i => (long)i).ToArray(), device: logits.device);
            var (groupIds, groupLogProbs) = SampleGroup(logits.index_select(0, at), active.Select(i => rows[i]).ToArray());
            ids.index_copy_(0, at, groupIds);
            logProbs.index_copy_(0, at, groupLogProbs);
        }
        for (int i = 0; i < rows.Count; i++)
            if (_recorded[rows[i]] is { } record)
                record.Add(ModelLogProbs(logits.narrow(0, i, 1), ids.narrow(0, i, 1), _requests[rows[i]].TopLogProbs!.Value));
        return scope.MoveToOuter(ids, logProbs);
    }

    /// <summary>
    /// Samples rows that share their settings: the processed distribution is computed once for all of them, and each row draws
    /// with its own generator (exponential race: <c>argmax(p / q)</c> with <c>q ~ Exp(1)</c> drawn per row, a sample from p).
    /// </summary>
    private (Tensor Ids, Tensor LogProbs) SampleGroup(Tensor logits, int[] originals)
    {
        var options = _requests[originals[0]].Options;
        var x = logits.to(ScalarType.Float32);
        if (options.IsGreedy)
        {
            var greedy = x.argmax(-1, keepdim: true);
            return (greedy, x.log_softmax(-1).gather(-1, greedy));
        }
        var logp = LogitsSampler.Process(x, options).log_softmax(-1);                   // [G, V]
        long vocab = logp.shape[1];
        var race = cat(originals.Select(r => rand([1, vocab], generator: _generators[r], device: logp.device)).ToArray(), 0)
            .log_().neg_();                                                               // [G, V] ~ Exp(1)
        var chosen = (logp.exp() / race).argmax(-1, keepdim: true);                      // [G, 1]
        return (chosen, logp.gather(-1, chosen));
    }

    private static (bool, double, int, double, double) Settings(SamplingOptions o) => (o.IsGreedy, o.Temperature, o.TopK, o.TopP, o.MinP);

    /// <summary>The chosen token's log-prob and the <paramref name="top"/> most likely under the plain softmax of the logits.</summary>
    private static TokenLogProbs ModelLogProbs(Tensor row, Tensor id, int top)
    {
        using var scope = NewDisposeScope();
        var logp = row.to(ScalarType.Float32).log_softmax(-1);                          // [1, V]
        float chosen = logp.gather(-1, id).item<float>();
        if (top == 0) return new TokenLogProbs(chosen, [], []);
        var (values, indices) = logp.topk(Math.Min(top, (int)logp.shape[1]), dim: -1);
        var topIds = indices.cpu().data<long>().Select(x => (int)x).ToArray();
        return new TokenLogProbs(chosen, topIds, values.cpu().data<float>().ToArray());
    }

    public void Dispose()
    {
        foreach (var g in _generators) g.Dispose();
    }
}
