using TorchSharp;
using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>
/// The GRPO objective of DeepSeekMath / DeepSeek-R1 on per-token log-probabilities, as plain tensor math:
/// group-normalised advantages, the clipped importance ratio and the k3 estimate of KL to a frozen reference.
/// </summary>
public static class GrpoLoss
{
    /// <summary>The constant added to the group standard deviation before dividing (TRL's value).</summary>
    public const double StdEpsilon = 1e-4;

    /// <summary>
    /// Group-relative advantages. <paramref name="rewards"/> <c>[N]</c> holds consecutive groups of <paramref name="groupSize"/>
    /// completions of the same prompt. Returns <c>r − mean</c>, divided by <c>(sample std + 1e-4)</c> when <paramref name="scaleRewards"/>.
    /// A group whose rewards are all equal gets zero advantages.
    /// </summary>
    public static Tensor Advantages(Tensor rewards, int groupSize, bool scaleRewards)
    {
        CheckRewards(rewards, groupSize);
        using var scope = NewDisposeScope();
        var grouped = rewards.view(-1, groupSize);                                     // [P, G]
        var advantages = grouped - grouped.mean([1], keepdim: true);
        if (scaleRewards && groupSize > 1)
            advantages = advantages / (grouped.std(1, unbiased: true, keepdim: true) + StdEpsilon);
        return advantages.reshape(-1).MoveToOuterDisposeScope();                       // [N]
    }

    /// <summary>
    /// <see cref="Advantages"/> over the samples marked in <paramref name="present"/> <c>[N]</c> (1 present, 0 missing) only: each group's
    /// mean and sample std are taken over its present rewards, and a missing sample gets advantage 0. With every sample present this is
    /// exactly <see cref="Advantages"/> (same floats). A group with fewer than two present samples gets zero advantages.
    /// </summary>
    internal static Tensor MaskedAdvantages(Tensor rewards, Tensor present, int groupSize, bool scaleRewards)
    {
        CheckRewards(rewards, groupSize);
        ArgumentNullException.ThrowIfNull(present);
        if (present.dim() != 1 || present.shape[0] != rewards.shape[0])
            throw new ArgumentException($"present must be [N] with N = {rewards.shape[0]}.", nameof(present));
        if (present.min().ToDouble() > 0) return Advantages(rewards, groupSize, scaleRewards);
        using var scope = NewDisposeScope();
        var m = present.to_type(rewards.dtype).view(-1, groupSize);                         // [P, G]
        var grouped = where(m.gt(0), rewards.view(-1, groupSize), zeros_like(m));
        var count = m.sum(1, keepdim: true);
        var advantages = (grouped - grouped.sum(1, keepdim: true) / count.clamp_min(1)) * m;
        if (scaleRewards && groupSize > 1)
        {
            var std = ((advantages * advantages).sum(1, keepdim: true) / (count - 1).clamp_min(1)).sqrt();
            advantages = advantages / (std + StdEpsilon);
        }
        return advantages.reshape(-1).MoveToOuterDisposeScope();                           // [N]
    }

    /// <summary>
    /// The GRPO loss (to minimise) and detached statistics.
    /// </summary>
    /// <param name="logp">Per-token log-probabilities under the policy being optimised, <c>[B, C]</c> (carries the gradient).</param>
    /// <param name="oldLogp">Per-token log-probabilities under the policy that sampled the completions, <c>[B, C]</c>.</param>
    /// <param name="refLogp">Per-token log-probabilities under the frozen reference, <c>[B, C]</c>; ignored when <c>beta</c> is 0.</param>
    /// <param name="mask">Completion mask <c>[B, C]</c>: 1 for completion tokens that count, 0 for padding (and masked truncations).</param>
    /// <param name="advantages">One advantage per completion, <c>[B]</c>.</param>
    /// <param name="settings">ε, β and the aggregation.</param>
    /// <param name="normalizer">
    /// The denominator of the whole step's loss (TRL's <c>num_items_in_batch</c>, see <see cref="Normalizer"/>), so that the losses of
    /// micro-batches add up to the loss of the full batch. <see langword="null"/> (default): this batch is the whole step.
    /// </param>
    public static GrpoLossOutput Compute(Tensor logp, Tensor oldLogp, Tensor? refLogp, Tensor mask, Tensor advantages, GrpoLossSettings settings,
        double? normalizer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CheckShapes(logp, oldLogp, refLogp, mask, advantages, settings.Beta);
        using var scope = NewDisposeScope();
        mask = mask.to_type(logp.dtype);
        var a = advantages.to_type(logp.dtype).unsqueeze(1);                            // [B, 1]

        // Clipped surrogate: min(ρA, clip(ρ, 1-ε_low, 1+ε_high)A), with ρ = π/π_old per token.
        var ratio = (logp - oldLogp.detach()).exp();                                    // [B, C]
        var clipped = ratio.clamp(1 - settings.EpsilonLow, 1 + settings.ResolvedEpsilonHigh);
        var perToken = minimum(ratio * a, clipped * a);

        // k3 KL estimator to the reference: exp(ref - logp) - (ref - logp) - 1 (always >= 0).
        Tensor? kl = null;
        if (settings.Beta != 0 && refLogp is not null)
        {
            var diff = refLogp.detach() - logp;
            kl = diff.exp() - diff - 1;
            perToken = perToken - settings.Beta * kl;
        }

        var loss = -Aggregate(perToken, mask, settings, normalizer ?? Normalizer(mask, settings));
        var stats = Statistics(ratio, kl, mask, a, settings);
        return new GrpoLossOutput(loss.MoveToOuterDisposeScope(), stats.Kl, stats.ClipFraction);
    }

    /// <summary>
    /// The number a step's summed per-token terms are divided by: the completions (<see cref="GrpoLossType.Grpo"/>: a mean of
    /// per-sequence means), the completion tokens that count (<see cref="GrpoLossType.Dapo"/>), or completions × the constant length
    /// (<see cref="GrpoLossType.DrGrpo"/>). Computed once on the full step's <paramref name="mask"/> <c>[B, C]</c>.
    /// </summary>
    public static double Normalizer(Tensor mask, GrpoLossSettings settings)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.LossType switch
        {
            GrpoLossType.Grpo => mask.shape[0],
            GrpoLossType.Dapo => Math.Max(1.0, mask.sum().ToDouble()),
            GrpoLossType.DrGrpo => mask.shape[0] * (double)(settings.MaxCompletionLength ?? mask.shape[1]),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.LossType, "Unknown GRPO loss type."),
        };
    }

    /// <summary>Sums per-token values the way <paramref name="settings"/>' loss type says and divides by <paramref name="normalizer"/>.</summary>
    private static Tensor Aggregate(Tensor perToken, Tensor mask, GrpoLossSettings settings, double normalizer)
    {
        var masked = perToken * mask;
        var sum = settings.LossType switch
        {
            GrpoLossType.Grpo => (masked.sum(1) / mask.sum(1).clamp_min(1)).sum(),      // Σ of per-sequence means
            GrpoLossType.Dapo or GrpoLossType.DrGrpo => masked.sum(),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.LossType, "Unknown GRPO loss type."),
        };
        return sum / normalizer;
    }

    private static (double Kl, double ClipFraction) Statistics(Tensor ratio, Tensor? kl, Tensor mask, Tensor a, GrpoLossSettings settings)
    {
        using var noGrad = no_grad();
        double tokens = Math.Max(1.0, mask.sum().ToDouble());
        double meanKl = kl is null ? 0.0 : (kl * mask).sum().ToDouble() / tokens;
        var lowClipped = ratio.lt(1 - settings.EpsilonLow).logical_and(a.lt(0));
        var highClipped = ratio.gt(1 + settings.ResolvedEpsilonHigh).logical_and(a.gt(0));
        double clipFraction = (lowClipped.logical_or(highClipped).to_type(mask.dtype) * mask).sum().ToDouble() / tokens;
        return (meanKl, clipFraction);
    }

    private static void CheckRewards(Tensor rewards, int groupSize)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        if (groupSize < 1) throw new ArgumentOutOfRangeException(nameof(groupSize), groupSize, "The group size must be at least 1.");
        if (rewards.dim() != 1 || rewards.shape[0] % groupSize != 0)
            throw new ArgumentException($"Rewards must be a vector whose length is a multiple of the group size {groupSize}; " +
                $"got shape [{string.Join(",", rewards.shape)}].", nameof(rewards));
    }

    private static void CheckShapes(Tensor logp, Tensor oldLogp, Tensor? refLogp, Tensor mask, Tensor advantages, double beta)
    {
        ArgumentNullException.ThrowIfNull(logp);
        ArgumentNullException.ThrowIfNull(oldLogp);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(advantages);
        if (logp.dim() != 2) throw new ArgumentException($"logp must be [B, C]; got [{string.Join(",", logp.shape)}].", nameof(logp));
        static bool Same(Tensor x, Tensor y) => x.shape.SequenceEqual(y.shape);
        if (!Same(logp, oldLogp)) throw new ArgumentException("oldLogp must have the shape of logp.", nameof(oldLogp));
        if (!Same(logp, mask)) throw new ArgumentException("mask must have the shape of logp.", nameof(mask));
        if (beta != 0 && (refLogp is null || !Same(logp, refLogp)))
            throw new ArgumentException("refLogp is required, with the shape of logp, when beta is not 0.", nameof(refLogp));
        if (advantages.dim() != 1 || advantages.shape[0] != logp.shape[0])
            throw new ArgumentException($"advantages must be [B] with B = {logp.shape[0]}.", nameof(advantages));
    }
}
