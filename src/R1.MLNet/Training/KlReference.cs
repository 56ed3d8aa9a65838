using R1.Rollout;
using R1.Rollout.Scoring;
using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>
/// GRPO's KL reference π_ref. Under LoRA it is the trained policy itself with its adapters switched off (the frozen base, no
/// second copy of the model); otherwise a frozen clone of the policy taken at the start of the run.
/// </summary>
internal sealed class KlReference : IDisposable
{
    private readonly Policy _policy;
    private readonly bool _isClone;

    private KlReference(Policy policy, bool isClone) => (_policy, _isClone) = (policy, isClone);

    /// <summary>The reference for <paramref name="policy"/>, or <see langword="null"/> when <paramref name="beta"/> is 0 (no KL term).</summary>
    public static KlReference? For(Policy policy, double beta) =>
        beta <= 0 ? null : policy.Lora is not null ? new KlReference(policy, isClone: false) : new KlReference(policy.CloneFrozen(), isClone: true);

    /// <summary>The frozen copy the checkpoints store once per run; <see langword="null"/> under LoRA (the base is saved with the policy).</summary>
    public Policy? StoredCopy => _isClone ? _policy : null;

    /// <summary>Per-token reference log-probs of the batch's completions, without gradients.</summary>
    public Tensor LogProbs(ScoringBatch batch, double temperature)
    {
        using var noGrad = no_grad();
        using var adaptersOff = _isClone ? null : _policy.DisableAdapters();
        return LogProbScorer.Compute(_policy.Model, batch, temperature).LogProbs;
    }

    public void Dispose()
    {
        if (_isClone) _policy.Dispose();
    }
}
