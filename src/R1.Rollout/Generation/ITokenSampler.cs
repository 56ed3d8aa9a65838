using static TorchSharp.torch;

namespace R1.Rollout.Generation;

/// <summary>Picks the next token of each active row of a <see cref="DecodeSession"/> from its logits.</summary>
internal interface ITokenSampler : IDisposable
{
    /// <summary>
    /// Samples one id per row of <paramref name="logits"/> [A, V]; <paramref name="rows"/> maps each active row to its original row.
    /// Returns ids [A, 1] (int64) and their log-probs [A, 1] (float32).
    /// </summary>
    (Tensor Ids, Tensor LogProbs) Sample(Tensor logits, IReadOnlyList<int> rows);
}
