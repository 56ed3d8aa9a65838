using R1.Rollout;

namespace R1.MLNet.Training;

/// <summary>The check every trainer makes of the policy it is given.</summary>
internal static class TrainablePolicy
{
    /// <summary>Returns <paramref name="policy"/> when it can be trained in place; throws otherwise.</summary>
    /// <exception cref="ArgumentException">The policy is a frozen clone.</exception>
    public static Policy Require(Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.IsFrozen) throw new ArgumentException("The policy is a frozen clone (no gradients); train the original.", nameof(policy));
        return policy;
    }

    /// <summary>
    /// Checks that <paramref name="policy"/>'s dtype suits <paramref name="precision"/>: bf16 mixed precision trains a bf16 policy
    /// (its fp32 masters are made from those weights). A float32 policy is not converted in place, because its
    /// <see cref="Policy.DType"/> and saved config would then disagree with its weights.
    /// </summary>
    /// <exception cref="ArgumentException">BFloat16Mixed asked for a policy that is not bf16.</exception>
    public static void RequirePrecision(Policy policy, TrainingPrecision precision, string owner)
    {
        if (precision == TrainingPrecision.BFloat16Mixed && policy.DType != TorchSharp.torch.ScalarType.BFloat16)
            throw new ArgumentException(
                $"{owner}.Memory.Precision is BFloat16Mixed, but the policy's dtype is {policy.DType}. Create or load the policy in bf16 " +
                "(new PolicyOptions { DType = ScalarType.BFloat16 }); the trainer keeps fp32 master weights and optimizer state itself.",
                nameof(policy));
    }
}
