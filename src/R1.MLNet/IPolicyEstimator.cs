using Microsoft.ML;
using R1.Rollout;

namespace R1.MLNet;

/// <summary>An estimator whose fitted transformer carries a policy (<see cref="Sft.SftEstimator"/>, <see cref="Grpo.GrpoEstimator"/>).</summary>
public interface IPolicyEstimator
{
    /// <summary>The policy of the most recent <see cref="IEstimator{TTransformer}.Fit"/>, or <see langword="null"/> before the first fit.</summary>
    Policy? FittedPolicy { get; }
}
