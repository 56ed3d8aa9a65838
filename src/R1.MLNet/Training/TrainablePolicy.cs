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
}
