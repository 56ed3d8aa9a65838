using R1.Rollout;

namespace R1.MLNet;

/// <summary>
/// Something that carries a fitted <see cref="Rollout.Policy"/>: the transformers of <c>Sft</c>, <c>Grpo</c> and <c>Reason</c>,
/// and the data views they produce. <see cref="PolicySource.PreviousStep"/> looks for it on an estimator's input.
/// </summary>
public interface IPolicyCarrier
{
    /// <summary>The policy.</summary>
    Policy Policy { get; }
}
