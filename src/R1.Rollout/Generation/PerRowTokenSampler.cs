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
        var ids = new Tensor[rows.Count];
        var logProbs = new Tensor[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var row = logits.narrow(0, i, 1);                                            // [1, V]
            int original = rows[i];
            (ids[i], logProbs[i]) = LogitsSampler.Sample(row, _requests[original].Options, _generators[original]);
            if (_recorded[original] is { } record) record.Add(ModelLogProbs(row, ids[i], _requests[original].TopLogProbs!.Value));
        }
        return scope.MoveToOuter(cat(ids, 0), cat(logProbs, 0));
    }

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
