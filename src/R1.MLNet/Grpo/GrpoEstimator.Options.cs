using Microsoft.Extensions.Logging;
using Microsoft.ML;
using R1.MLNet.DataView;
using R1.MLNet.Reason;
using R1.Rollout.ChatTemplates;
using R1.MLNet.Training;
using R1.Rewards.Composition;

namespace R1.MLNet.Grpo;

public sealed partial class GrpoEstimator
{
    /// <summary>
    /// Options of <c>mlContext.Reasoning().Grpo(...)</c>. Column options name input text columns; the hyper-parameters are in
    /// <see cref="Trainer"/> (a <see cref="GrpoOptions"/>, whose defaults follow the paper).
    /// </summary>
    public sealed class Options
    {
        /// <summary>Where the policy comes from. Default <see cref="PolicySource.PreviousStep"/> (the SFT step before it in a chain).</summary>
        public PolicySource Policy { get; set; } = PolicySource.PreviousStep;

        /// <summary>The reward pipeline. Default none: resolved from <see cref="Services"/>.</summary>
        public IRewardScorer? Rewards { get; set; }

        /// <summary>A service provider with an <see cref="IRewardScorer"/> (from <c>services.AddReasoningRewards(...)</c>) and optionally an
        /// <c>ILoggerFactory</c>. Used when <see cref="Rewards"/> is null. Default none.</summary>
        public IServiceProvider? Services { get; set; }

        /// <summary>
        /// Receives the trainer's log. Default none: the <see cref="ILoggerFactory"/> of <see cref="Services"/>, if any. A step made by
        /// <c>mlContext.Reasoning()</c> also writes to the <c>MLContext</c>'s log (<c>mlContext.Log</c>).
        /// </summary>
        public ILoggerFactory? LoggerFactory { get; set; }

        /// <summary>The input text column with the question. Required. Default <c>Prompt</c>.</summary>
        public string PromptColumnName { get; set; } = "Prompt";

        /// <summary>
        /// The gold-answer column (math rewards). Default <c>Answer</c>, used when present; null ignores it; another name must exist.
        /// </summary>
        public string? AnswerColumnName { get; set; } = ReferenceColumns.DefaultAnswer;

        /// <summary>The test-code column (code rewards). Default <c>Tests</c>, used when present; null ignores it; another name must exist.</summary>
        public string? TestsColumnName { get; set; } = ReferenceColumns.DefaultTests;

        /// <summary>
        /// The entry-point column (code rewards). Default <c>EntryPoint</c>, used when present; null ignores it;
        /// another name must exist.
        /// </summary>
        public string? EntryPointColumnName { get; set; } = ReferenceColumns.DefaultEntryPoint;

        /// <summary>
        /// The target-language column (language-consistency reward). Default <c>Language</c>, used when present; null ignores it;
        /// another name must exist.
        /// </summary>
        public string? LanguageColumnName { get; set; } = ReferenceColumns.DefaultLanguage;

        /// <summary>
        /// The task-type column (<c>math</c>, <c>code</c>, <c>general</c>, …): it selects the rewards when the pipeline routes by task
        /// type. Default <c>TaskType</c>, used when present; null ignores it; another name must exist.
        /// </summary>
        public string? TaskTypeColumnName { get; set; } = ReferenceColumns.DefaultTaskType;

        /// <summary>Held-out questions (same columns) evaluated during and after training. Default none.</summary>
        public IDataView? EvaluationData { get; set; }

        /// <summary>
        /// How a question becomes the model input for rollouts and evaluation: a chat template and an optional completion prefix.
        /// Default <see cref="PromptFormat.R1Zero"/> (use the same in <see cref="ReasonOptions.Prompt"/>).
        /// </summary>
        public PromptFormat Prompt { get; set; } = PromptFormat.R1Zero;

        /// <summary>
        /// The trainer's hyper-parameters. Default <c>new GrpoOptions()</c> (ε = 0.2, β = 0.04, temperature 1, G = 8, lr 3e-6).
        /// The estimator reads them at each fit and never changes them.
        /// </summary>
        public GrpoOptions Trainer { get; set; } = new();

        /// <summary>Stops training early (the policy keeps what it learned). Default none.</summary>
        public CancellationToken CancellationToken { get; set; }

        internal ReferenceColumns Columns() =>
            new(PromptColumnName, AnswerColumnName, TestsColumnName, EntryPointColumnName, LanguageColumnName, TaskTypeColumnName);

        internal void Validate()
        {
            ArgumentNullException.ThrowIfNull(Policy, nameof(Policy));
            ArgumentException.ThrowIfNullOrWhiteSpace(PromptColumnName, nameof(PromptColumnName));
            ArgumentNullException.ThrowIfNull(Trainer, nameof(Trainer));
            if (Rewards is null && Services is null)
                throw new ArgumentException("GrpoEstimator.Options needs Rewards (an IRewardScorer) or Services " +
                    "(a provider where services.AddReasoningRewards(...) was called).");
            ArgumentNullException.ThrowIfNull(Prompt, nameof(Prompt));
            Trainer.Validate();
        }
    }
}
