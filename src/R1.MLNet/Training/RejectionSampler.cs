using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
    private readonly IRejectionTeacher _teacher;
    private readonly IRewardScorer _rewards;
    private readonly RejectionSamplingOptions _options;
    private readonly ILogger _logger;

    /// <summary>A sampler over a local policy (sampled with <paramref name="prompt"/>); the options are validated and copied here.</summary>
    /// <param name="teacher">The policy to sample from (not changed).</param>
    /// <param name="rewards">The reward pipeline that judges correctness.</param>
    /// <param name="options">The settings.</param>
    /// <param name="prompt">How questions become model input. Default <see cref="PromptFormat.R1Zero"/>.</param>
    /// <param name="logger">Receives a line per batch and the final summary. Default none.</param>
    /// <exception cref="ArgumentException">
    /// An option is out of range, or no <see cref="RejectionSamplingOptions.MinScores"/> reward is in the pipeline.
    /// </exception>
    public RejectionSampler(Policy teacher, IRewardScorer rewards, RejectionSamplingOptions options, PromptFormat? prompt = null,
        ILogger? logger = null)
        : this(rewards, options, logger, o => new PolicyTeacher(teacher ?? throw new ArgumentNullException(nameof(teacher)),
            prompt ?? PromptFormat.R1Zero, o))
    {
    }

    /// <summary>
    /// A sampler over a chat client (for example a remote R1 API): k requests per prompt, at most
    /// <see cref="RejectionSamplingOptions.MaxConcurrency"/> in flight; a reply's reasoning content is wrapped in
    /// <c>&lt;think&gt;…&lt;/think&gt;</c> before its text; a failed request drops that sample as <c>teacher-error</c>.
    /// </summary>
    public RejectionSampler(IChatClient teacher, IRewardScorer rewards, RejectionSamplingOptions options, ILogger? logger = null)
        : this(rewards, options, logger, o => new ChatClientTeacher(teacher ?? throw new ArgumentNullException(nameof(teacher)), o))
    {
    }

    private RejectionSampler(IRewardScorer rewards, RejectionSamplingOptions options, ILogger? logger,
        Func<RejectionSamplingOptions, IRejectionTeacher> teacher)
    {
        _rewards = rewards ?? throw new ArgumentNullException(nameof(rewards));
        _options = options?.Clone() ?? throw new ArgumentNullException(nameof(options));
        _options.Validate();
        if (_options.MinScores.Count > 0 && !_options.MinScores.Keys.Any(k => rewards.RewardNames.Contains(k, StringComparer.OrdinalIgnoreCase)))
            throw new ArgumentException(
                $"RejectionSamplingOptions.MinScores names {string.Join(", ", _options.MinScores.Keys)}, but the reward pipeline has " +
                $"{string.Join(", ", rewards.RewardNames)}: no sample could be judged correct. Name a reward of the pipeline.", nameof(options));
        _logger = logger ?? NullLogger.Instance;
        _teacher = teacher(_options);
    }

    /// <summary>
    /// Samples, judges and filters every prompt (resuming from <see cref="RejectionSamplingOptions.OutputPath"/> when it holds an
    /// earlier run of the same prompts and settings). Cancellation stops at a batch boundary and returns the rows so far.
    /// </summary>
    /// <exception cref="ArgumentException">A prompt is empty or too long for the teacher's context.</exception>
    /// <exception cref="InvalidDataException">The output file belongs to other prompts or settings.</exception>
    public RejectionSamplingResult Run(IReadOnlyList<ReasoningExample> prompts, CancellationToken ct = default)
    {
        CheckPrompts(prompts);
        var o = _options;
        int batches = (prompts.Count + o.PromptsPerBatch - 1) / o.PromptsPerBatch;
        string fingerprint = RejectionSamplingFingerprint.Of(o, _teacher.Description, prompts.Count, _rewards.RewardNames);
        var file = o.OutputPath is null ? null : new RejectionSampleFile(o.OutputPath, fingerprint, prompts, o.PromptsPerBatch, o.SamplesPerPrompt);
        int done = 0;
        var rows = file?.Resume(out done) ?? [];
        int resumedPrompts = Math.Min(prompts.Count, done * o.PromptsPerBatch), resumedRows = rows.Count;
        if (done > 0)
            _logger.LogInformation("Rejection sampling: resumed {Batches} batches ({Rows} rows) from {Path}", done, rows.Count, o.OutputPath);
        _logger.LogInformation("Rejection sampling: {Prompts} prompts x k={K} in {Batches} batches of {Batch}, temperature {T}, top-p {P}",
            prompts.Count, o.SamplesPerPrompt, batches, o.PromptsPerBatch, o.Sampling.Temperature, o.Sampling.TopP);
        var judge = new RejectionJudge(_rewards, o);
        var clock = Stopwatch.StartNew();
        int batch = done;
        for (; batch < batches && !ct.IsCancellationRequested; batch++)
        {
            int first = batch * o.PromptsPerBatch;
            var examples = prompts.Skip(first).Take(o.PromptsPerBatch).ToList();
            var judged = judge.Judge(examples, first, _teacher.Sample(examples, batch, first), CancellationToken.None);
            file?.Append(batch, judged);
            rows.AddRange(judged);
            Report(batch + 1, batches, first + examples.Count, rows, clock.Elapsed.TotalSeconds);
        }
        var summary = RejectionSamplingSummary.Create(rows, resumedPrompts, rows.Count - resumedRows, clock.Elapsed.TotalSeconds, batch < batches);
        LogSummary(summary);
        return new RejectionSamplingResult(rows, summary);
    }

    private void Report(int batch, int batches, int promptsDone, List<RejectionSampleRow> rows, double seconds)
    {
        int kept = rows.Count(r => r.Kept);
        _options.Progress?.Report(new RejectionSamplingProgress(batch, batches, promptsDone, rows.Count, kept, seconds));
        _logger.LogInformation("Rejection sampling batch {Batch}/{Batches}: {Prompts} prompts, {Samples} samples, {Kept} kept ({Seconds:F1}s)",
            batch, batches, promptsDone, rows.Count, kept, seconds);
    }

    private void LogSummary(RejectionSamplingSummary s)
    {
        if (s.Cancelled) _logger.LogWarning("Rejection sampling cancelled after {Prompts} prompts; the output file resumes it", s.Prompts);
        _logger.LogInformation(
            "Rejection sampling done: {Prompts} prompts, {Samples} samples, {Kept} kept, {PromptsWithKept} prompts with a kept sample, " +
            "{SamplesPerSecond:F2} samples/s, {KeptPerSecond:F2} kept/s; dropped: {Dropped}",
            s.Prompts, s.Samples, s.Kept, s.PromptsWithKept, s.SamplesPerSecond, s.KeptPerSecond,
            s.DroppedByReason.Count == 0 ? "none" : string.Join(", ", s.DroppedByReason.Select(p => $"{p.Key} {p.Value}")));
    }

    private void CheckPrompts(IReadOnlyList<ReasoningExample> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.Count == 0) throw new ArgumentException("Rejection sampling needs at least one prompt.", nameof(prompts));
        for (int i = 0; i < prompts.Count; i++)
            if (prompts[i] is null || string.IsNullOrWhiteSpace(prompts[i].Prompt))
                throw new ArgumentException($"prompts[{i}] has an empty prompt.", nameof(prompts));
        _teacher.CheckPrompts(prompts);
    }
}
