using R1.Rollout;

namespace R1.Tests.Shared;

/// <summary>A policy's weights as one flat array, for bit-exact comparisons between runs.</summary>
internal static class PolicyWeights
{
    /// <summary>Every parameter, in registration order, as float32 on the CPU.</summary>
    public static float[] Flat(Policy policy) =>
        policy.Model.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray()).ToArray();
}
