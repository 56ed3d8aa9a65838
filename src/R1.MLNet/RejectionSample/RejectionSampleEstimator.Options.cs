using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using R1.MLNet.DataView;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rollout.ChatTemplates;

namespace R1.MLNet.RejectionSample;

public sealed partial class RejectionSampleEstimator
{
    /// <summary>
    /// Options of <c>mlContext.Reasoning().RejectionSample(...)</c>. Column options name input text columns; the sampling settings
    /// are in <see cref="Sampler"/> (a <see cref="RejectionSamplingOptions"/>).
    /// </summary>
    public sealed class Options
    {
        /// <summary>The teacher policy. Default <see cref="PolicySource.PreviousStep"/> (the GRPO or SFT step before it). Ignored when
        /// <see cref="Teacher"/> is set.</summary>
        public PolicySource Policy { get; set; } = PolicySource.PreviousStep;

        /// <summary>A chat client to use as the teacher instead of a policy (for example a remote R1 API). Default none.</summary>
        public IChatClient? Teacher { get; set; }

        /// <summary>The reward pipeline that judges correctness. Default none: resolved from <see cref="Services"/>.</summary>
        public IRewardScorer? Rewards { get; set; }

        /// <summary>A service provider with an <see cref="IRewardScorer"/> (from <c>services.AddReasoningRewards(...)</c>) and optionally an
        /// <c>ILoggerFactory</c>. Used when <see cref="Rewards"/> is null. Default none.</summary>
        public IServiceProvider? Services { get; set; }

        /// <summary>
        /// Receives the sampler's log. Default none: the <see cref="ILoggerFactory"/> of <see cref="Services"/>, if any. A step made by
        /// <c>mlContext.Reasoning()</c> also writes to the <c>MLContext</c>'s log (<c>mlContext.Log</c>).
        /// </summary>
        public ILoggerFactory? LoggerFactory { get; set; }

        /// <summary>The input text column with the question. Required. Default <c>Prompt</c>.</summary>
        public string PromptColumnName { get; set; } = "Prompt";

        /// <summary>The gold-answer column. Default <c>Answer</c>, used when present; null ignores it; another name must exist.</summary>
        public string? AnswerColumnName { get; set; } = ReferenceColumns.DefaultAnswer;

        /// <summary>The test-code column. Default <c>Tests</c>, used when present; null ignores it; another name must exist.</summary>
        public string? TestsColumnName { get; set; } = ReferenceColumns.DefaultTests;

        /// <summary>The entry-point column. Default <c>EntryPoint</c>, used when present; null ignores it; another name must exist.</summary>
        public string? EntryPointColumnName { get; set; } = ReferenceColumns.DefaultEntryPoint;

        /// <summary>The target-language column. Default <c>Language</c>, used when present; null ignores it; another name must exist.</summary>
        public string? LanguageColumnName { get; set; } = ReferenceColumns.DefaultLanguage;

        /// <summary>
        /// The task-type column (reward routing). Default <c>TaskType</c>, used when present; null ignores it; another name must exist.
        /// </summary>
        public string? TaskTypeColumnName { get; set; } = ReferenceColumns.DefaultTaskType;

        /// <summary>How a question becomes the teacher policy's input. Default <see cref="PromptFormat.R1Zero"/> (not used with
        /// <see cref="Teacher"/>).</summary>
        public PromptFormat Prompt { get; set; } = PromptFormat.R1Zero;

        /// <summary>
        /// The sampling, correctness and filter settings. Default <c>new RejectionSamplingOptions()</c> (k = 4, temperature 0.6,
        /// top-p 0.95, math/code/judge ≥ 1). The estimator copies them at each fit and never changes them.
        /// </summary>
        public RejectionSamplingOptions Sampler { get; set; } = new();

        /// <summary>Output the dropped rows too (with <c>Kept</c> false and their <c>DropReason</c>). Default false: kept rows only.</summary>
        public bool IncludeRejected { get; set; }

        /// <summary>Stops the sampling at a batch boundary (the rows so far are the output). Default none.</summary>
        public CancellationToken CancellationToken { get; set; }

        internal ReferenceColumns Columns() =>
            new(PromptColumnName, AnswerColumnName, TestsColumnName, EntryPointColumnName, LanguageColumnName, TaskTypeColumnName);

        internal void Validate()
        {
            ArgumentNullException.ThrowIfNull(Policy, nameof(Policy));
            ArgumentException.ThrowIfNullOrWhiteSpace(PromptColumnName, nameof(PromptColumnName));
            ArgumentNullException.ThrowIfNull(Prompt, nameof(Prompt));
            ArgumentNullException.ThrowIfNull(Sampler, nameof(Sampler));
            if (Rewards is null && Services is null)
                throw new ArgumentException("RejectionSampleEstimator.Options needs Rewards (an IRewardScorer) or Services " +
                                            "(a provider where services.AddReasoningRewards(...) was called).");
            Sampler.Validate();
        }

        /// <summary>The reward pipeline: <see cref="Rewards"/>, else the one registered in <see cref="Services"/>.</summary>
        internal IRewardScorer ResolveRewards(string consumer) => Rewards ?? Services!.GetService(typeof(IRewardScorer)) as IRewardScorer
            ?? throw new InvalidOperationException(
                $"{consumer}: the service provider has no IRewardScorer; call services.AddReasoningRewards(...) first.");

        /// <summary>The logger factory: <see cref="LoggerFactory"/>, else the one registered in <see cref="Services"/>.</summary>
        internal ILoggerFactory? ResolveLoggerFactory() => LoggerFactory ?? Services?.GetService(typeof(ILoggerFactory)) as ILoggerFactory;
    }
}
