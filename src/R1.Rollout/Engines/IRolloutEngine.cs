using R1.Rollout.Generation;

namespace R1.Rollout.Engines;

/// <summary>
/// Where GRPO's rollouts are generated: in this process (<see cref="InProcessRolloutEngine"/>) or on a remote inference server
/// with vLLM's OpenAI-compatible API (<see cref="OpenAiCompatibleRolloutEngine"/>).
/// </summary>
public interface IRolloutEngine
{
    /// <summary>
    /// Group rollouts: <paramref name="groupSize"/> samples per prompt. Result <c>[i][g]</c> is sample g of prompt i, with its
    /// completion token ids, the log-prob of each token under the distribution it was sampled from (π_old), its text and its
    /// finish reason.
    /// </summary>
    /// <param name="prompts">The prompts as token ids (not empty).</param>
    /// <param name="groupSize">Samples per prompt (G, positive).</param>
    /// <param name="options">Sampling settings (max new tokens, temperature, top-p, stop strings, seed).</param>
    /// <param name="cancellationToken">Stops the rollouts.</param>
    Task<IReadOnlyList<IReadOnlyList<GenerationResult>>> GenerateGroupsAsync(
        IReadOnlyList<IReadOnlyList<int>> prompts, int groupSize, SamplingOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks, before training, that the engine serves a model the trainer's policy can learn from (context length, tokenizer).
    /// An in-process engine completes at once.
    /// </summary>
    /// <param name="requirements">What the trainer needs.</param>
    /// <param name="cancellationToken">Stops the checks.</param>
    /// <exception cref="RolloutEngineException">The engine does not match; the message says what differs.</exception>
    Task ValidateAsync(RolloutEngineRequirements requirements, CancellationToken cancellationToken = default);
}
