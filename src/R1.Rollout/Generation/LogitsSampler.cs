using static TorchSharp.torch;

namespace R1.Rollout.Generation;

/// <summary>Turns next-token logits into sampled ids and their log-probabilities, entirely on the device (no host sync).</summary>
internal static class LogitsSampler
{
    /// <summary>
    /// Samples one token per row from <paramref name="logits"/> [B, V]. Returns ids [B, 1] (int64) and their log-probs [B, 1]
    /// (float32) under the processed distribution (see <see cref="GenerationResult.LogProbs"/>).
    /// </summary>
    public static (Tensor Ids, Tensor LogProbs) Sample(Tensor logits, SamplingOptions options, Generator? generator)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(options);
        using var scope = NewDisposeScope();
        var x = logits.to(ScalarType.Float32);
        if (options.IsGreedy)
        {
            var greedy = x.argmax(-1, keepdim: true);                                  // [B, 1]
            return scope.MoveToOuter(greedy, x.log_softmax(-1).gather(-1, greedy));
        }
        var logp = Process(x, options).log_softmax(-1);                                // [B, V]
        var ids = multinomial(logp.exp(), 1, false, generator);                        // [B, 1]
        return scope.MoveToOuter(ids, logp.gather(-1, ids));
    }

    /// <summary>Applies temperature, top-k, top-p and min-p to float32 logits [B, V]; removed tokens get −∞.</summary>
    public static Tensor Process(Tensor logits, SamplingOptions options)
    {
        using var scope = NewDisposeScope();
        var x = logits / options.Temperature;
        long vocab = x.shape[^1];
        if (options.TopK > 0 && options.TopK < vocab)
        {
            var kth = x.topk(options.TopK, dim: -1).values.narrow(-1, options.TopK - 1, 1);  // [B, 1]
            x = x.masked_fill(x < kth, double.NegativeInfinity);
        }
        if (options.TopP < 1)
        {
            var (sorted, order) = x.sort(-1, descending: true);
            var probs = sorted.softmax(-1);
            var before = probs.cumsum(-1) - probs;                                     // mass of more likely tokens
            var drop = before >= options.TopP;                                          // the first token always stays
            x = x.masked_fill(drop.scatter(-1, order, drop), double.NegativeInfinity);
        }
        if (options.MinP > 0)
        {
            var probs = x.softmax(-1);
            var floor = probs.max(-1, keepdim: true).values * options.MinP;            // [B, 1]
            x = x.masked_fill(probs < floor, double.NegativeInfinity);
        }
        return x.MoveToOuterDisposeScope();
    }
}
