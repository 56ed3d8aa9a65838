using static TorchSharp.torch;

namespace R1.Rollout.Scoring;

/// <summary>Per-token log-probabilities of completions and their mask. Owns both tensors.</summary>
/// <param name="LogProbs">[B, C] float32 log p(token | prefix), 0 on padding; part of the autograd graph when grad was enabled.</param>
/// <param name="Mask">[B, C] float32, 1 for real completion tokens.</param>
public sealed record ScoredCompletions(Tensor LogProbs, Tensor Mask) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        LogProbs.Dispose();
        Mask.Dispose();
    }
}
