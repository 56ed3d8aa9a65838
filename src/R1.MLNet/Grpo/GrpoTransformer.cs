using R1.MLNet.Training;
using R1.Rollout;

namespace R1.MLNet.Grpo;

/// <summary>The fitted result of <c>Grpo(...)</c>: the trained policy and what the run did.</summary>
public sealed class GrpoTransformer : PolicyTransformer
{
    internal GrpoTransformer(Policy policy, GrpoResult result) : base(policy) => Result = result;

    /// <summary>Per-step metrics, steps completed, cancellation, checkpoint and final evaluation.</summary>
    public GrpoResult Result { get; }
}
