using R1.Rollout.Batching;
using R1.Rollout.Generation;

namespace R1.Rollout.Engines;

/// <summary>
/// Rollouts on a <see cref="Policy"/> in this process (the policy is not owned). By default it samples exactly as
/// <see cref="Policy.GenerateGroups"/> does (one batch, one random stream). With <c>seedPerSample</c> each sample is an independent
/// request seeded as a remote engine seeds it (see <see cref="SampleSeed"/>), so both engines give the same tokens for a seed.
/// </summary>
public sealed class InProcessRolloutEngine : IRolloutEngine
{
    private readonly Policy _policy;
    private readonly bool _seedPerSample;

    /// <summary>Creates an engine over <paramref name="policy"/>.</summary>
    /// <param name="policy">The policy that samples.</param>
    /// <param name="seedPerSample">
    /// False (default): one batched <see cref="Policy.GenerateGroups"/> call, today's trainer behaviour. True: one
    /// <see cref="GenerationRequest"/> per sample with seed <see cref="SampleSeed"/>, as the project's server samples the
    /// <c>n</c> choices of a request.
    /// </param>
    public InProcessRolloutEngine(Policy policy, bool seedPerSample = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        _seedPerSample = seedPerSample;
    }

    /// <summary>
    /// The seed of sample g of prompt i for a base seed: the request for prompt i is sent with seed <c>seed + i·G</c> and the
    /// server seeds its choice g with that plus g.
    /// </summary>
    public static long SampleSeed(long seed, int prompt, int groupSize, int sample) => seed + (long)prompt * groupSize + sample;

    /// <inheritdoc />
    public Task<IReadOnlyList<IReadOnlyList<GenerationResult>>> GenerateGroupsAsync(
        IReadOnlyList<IReadOnlyList<int>> prompts, int groupSize, SamplingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        PromptBatch.Validate(prompts, nameof(prompts));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupSize);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(() => _seedPerSample ? PerSample(prompts, groupSize, options, cancellationToken)
            : _policy.GenerateGroups(prompts, groupSize, options), cancellationToken);
    }

    /// <summary>Completes at once: the engine samples with the trainer's own policy.</summary>
    public Task ValidateAsync(RolloutEngineRequirements requirements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        return Task.CompletedTask;
    }

    private IReadOnlyList<IReadOnlyList<GenerationResult>> PerSample(
        IReadOnlyList<IReadOnlyList<int>> prompts, int groupSize, SamplingOptions options, CancellationToken cancellationToken)
    {
        var requests = prompts.SelectMany((p, i) => Enumerable.Range(0, groupSize).Select(g =>
        {
            var o = options.Clone();
            o.Seed = options.Seed is { } seed ? SampleSeed(seed, i, groupSize, g) : null;
            return new GenerationRequest(p, o);
        })).ToList();
        var results = _policy.GenerateBatch(requests, cancellationToken);
        return Enumerable.Range(0, prompts.Count)
            .Select(i => (IReadOnlyList<GenerationResult>)results.Skip(i * groupSize).Take(groupSize).ToList())
            .ToList();
    }
}
