using R1.MLNet.Training;
using R1.Rollout.Generation;

namespace R1.MLNet;

/// <summary>
/// The options a pipeline step runs with: the caller's, unchanged when they set a seed or when there is no context seed, else a copy
/// carrying the seed drawn from the <c>MLContext</c> (<see cref="ReasoningEnvironment.Seed"/>). The caller's options are never changed.
/// </summary>
internal static class SeededOptions
{
    public static SftOptions Of(SftOptions options, int? seed)
    {
        if (options.Seed is not null || seed is null) return options;
        var copy = options.Clone();
        copy.Seed = seed;
        return copy;
    }

    public static GrpoOptions Of(GrpoOptions options, int? seed)
    {
        if (options.Seed is not null || seed is null) return options;
        var copy = options.Clone();
        copy.Seed = seed;
        return copy;
    }

    public static RejectionSamplingOptions Of(RejectionSamplingOptions options, int? seed)
    {
        if (options.Seed is not null || seed is null) return options;
        var copy = options.Clone();
        copy.Seed = seed;
        return copy;
    }

    /// <summary>Sampling settings for inference or evaluation: the context seed when <see cref="SamplingOptions.Seed"/> is unset.</summary>
    public static SamplingOptions Of(SamplingOptions options, int? seed)
    {
        if (options.Seed is not null || seed is null) return options;
        var copy = options.Clone();
        copy.Seed = seed;
        return copy;
    }
}
