using Microsoft.Extensions.Logging;
using R1.Rollout;
using R1.Rollout.Lora;

namespace R1.MLNet.Training;

/// <summary>How a trainer acts on its <c>Lora</c> option: attach adapters at the start of a run, or reuse those already attached.</summary>
internal static class LoraSetup
{
    /// <summary>
    /// With <paramref name="options"/> set, attaches adapters to a policy that has none, or keeps the attached ones (a loaded
    /// adapter, or a previous run's) and logs it. Without, leaves the policy as it is: attached adapters train, a plain policy
    /// trains fully.
    /// </summary>
    public static void Apply(Policy policy, LoraOptions? options, string trainer, ILogger logger)
    {
        if (policy.Lora is { } attached)
        {
            if (options is not null && (attached.Rank != options.Rank || !attached.Targets.Order().SequenceEqual(options.Targets.Order())))
                logger.LogWarning("{Trainer}: the policy already has LoRA adapters (r = {Rank}, {Targets}); training those, not the " +
                                  "configured r = {Configured}", trainer, attached.Rank, string.Join(",", attached.Targets), options.Rank);
            logger.LogInformation("{Trainer}: training the attached LoRA adapters (r = {Rank}, alpha {Alpha})",
                trainer, attached.Rank, attached.Alpha);
            return;
        }
        if (options is null) return;
        policy.AddLora(options);
        logger.LogInformation("{Trainer}: LoRA r = {Rank}, alpha {Alpha}, dropout {Dropout} on {Targets}; the base is frozen",
            trainer, options.Rank, options.Alpha, options.Dropout, string.Join(",", options.Targets));
    }

    /// <summary>
    /// With LoRA dropout on, reseeds torch's global generator (which dropout draws from) from the run's seed and the step, so a
    /// LoRA run does not depend on what used the generator before it and resumes exactly. Without dropout nothing is touched.
    /// </summary>
    public static void SeedDropout(Policy policy, int seed, int step)
    {
        if (policy.Lora is { Dropout: > 0 }) TorchSharp.torch.manual_seed(seed * 1_000_003L + step + 1);
    }
}
