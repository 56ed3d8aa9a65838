using R1.Rollout.Scoring;
using R1.Rollout.Models;
using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>
/// Per-token log-probabilities (and optionally entropies) of a <see cref="ScoringBatch"/>'s completion tokens under a model,
/// with logits divided by the sampling temperature as in TRL. Differentiable when gradients are on.
/// </summary>
public static class TokenLogProbs
{
    /// <summary>Returns <c>logp [B, C]</c> and, when <paramref name="withEntropy"/>, the detached entropy <c>[B, C]</c>.</summary>
    public static (Tensor LogProbs, Tensor? Entropy) Compute(CausalLM model, ScoringBatch batch, double temperature = 1.0, bool withEntropy = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        int tp = batch.PromptWidth, c = batch.CompletionWidth;
        var hidden = model.Hidden(batch.InputIds, batch.AttentionMask, batch.PositionIds, null); // [B, Tp+C, H]
        var logits = model.Logits(hidden.narrow(1, tp - 1, c));                         // [B, C, V]: position t predicts token t+1
        if (temperature != 1.0) logits = logits / temperature;
        var logSoftmax = logits.to_type(ScalarType.Float32).log_softmax(-1);             // [B, C, V]
        var targets = batch.InputIds.narrow(1, tp, c).unsqueeze(-1);                     // [B, C, 1]
        var logp = logSoftmax.gather(-1, targets).squeeze(-1);                           // [B, C]
        Tensor? entropy = null;
        if (withEntropy)
        {
            using var noGrad = no_grad();
            entropy = -(logSoftmax.exp() * logSoftmax).sum(-1);                            // [B, C]
            entropy = entropy.MoveToOuterDisposeScope();
        }
        return (logp.MoveToOuterDisposeScope(), entropy);
    }
}
