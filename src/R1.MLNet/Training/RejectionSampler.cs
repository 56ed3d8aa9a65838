using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using R1.Rewards.Composition;
using R1.Rollout;
using R1.Rollout.ChatTemplates;

namespace R1.MLNet.Training;

/// <summary>
/// Rejection sampling (DeepSeek-R1, stage 3): sample k completions per prompt from a teacher (a <see cref="Policy"/> or any
/// <see cref="IChatClient"/>), keep those the reward pipeline judges correct (<see cref="RejectionSamplingOptions.MinScores"/>) and
/// the readability filters pass, drop duplicates and samples beyond <see cref="RejectionSamplingOptions.MaxKeptPerPrompt"/>, and
/// report every drop with its reason. Works in batches of prompts; with an output file a stopped run resumes where it stopped.
/// </summary>
/// <example><code>
/// var sampler = new RejectionSampler(policy, scorer, new RejectionSamplingOptions { SamplesPerPrompt = 8 });
/// RejectionSamplingResult result = sampler.Run(examples);
/// var sft = new SftTrainer(basePolicy, new SftOptions()).Train(result.ToSftPairs());
/// </code></example>
public sealed class RejectionSampler
{
    /// <summary>A sampler over a local policy (sampled with <paramref name="prompt"/>); the options are validated and copied here.</summary>
    /// <param name="teacher">The policy to sample from (not changed).</param>
    /// <param name="rewards">The reward pipeline that judges correctness.</param>
    /// <param name="options">The settings.</param>
    /// <param name="prompt">How questions become model input. Default <see cref="PromptFormat.R1Zero"/>.</param>
    /// <param name="logger">Receives a line per batch and the final summary. Default none.</param>
    public RejectionSampler(Policy teacher, IRewardScorer rewards, RejectionSamplingOptions options, PromptFormat? prompt = null,
        ILogger? logger = null) => throw new NotImplementedException();

    /// <summary>
    /// A sampler over a chat client (for example a remote R1 API): k requests per prompt, at most
    /// <see cref="RejectionSamplingOptions.MaxConcurrency"/> in flight; a reply's reasoning content is wrapped in
    /// <c>&lt;think&gt;…&lt;/think&gt;</c> before its text; a failed request drops that sample as <c>teacher-error</c>.
    /// </summary>
    public RejectionSampler(IChatClient teacher, IRewardScorer rewards, RejectionSamplingOptions options, ILogger? logger = null) =>
        throw new NotImplementedException();

    /// <summary>
    /// Samples, judges and filters every prompt (resuming from <see cref="RejectionSamplingOptions.OutputPath"/> when it holds an
    /// earlier run of the same prompts and settings). Cancellation stops at a batch boundary and returns the rows so far.
    /// </summary>
    /// <exception cref="ArgumentException">A prompt is empty or too long for the teacher's context.</exception>
    /// <exception cref="InvalidDataException">The output file belongs to other prompts or settings.</exception>
    public RejectionSamplingResult Run(IReadOnlyList<ReasoningExample> prompts, CancellationToken ct = default) =>
        throw new NotImplementedException();
}
