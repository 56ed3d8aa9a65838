using R1.MLNet.Training;
using R1.Rollout;

namespace R1.MLNet.Sft;

/// <summary>The fitted result of <c>Sft(...)</c>: the trained policy and what the run did.</summary>
public sealed class SftTransformer : PolicyTransformer
{
    internal SftTransformer(Policy policy, SftResult result) : base(policy) => Result = result;

    /// <summary>The training run's summary (losses per step).</summary>
    public SftResult Result { get; }
}
