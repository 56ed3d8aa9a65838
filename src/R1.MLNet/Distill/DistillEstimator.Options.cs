using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using R1.MLNet.DataView;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rollout.ChatTemplates;

namespace R1.MLNet.Distill;

public sealed partial class DistillEstimator
{
    /// <summary>Options of <c>mlContext.Reasoning().Distill(...)</c>: the teacher, the student, the sampling and the SFT settings.</summary>
    public sealed class Options
    {
        /// <summary>The teacher policy. Default <see cref="PolicySource.PreviousStep"/>. Ignored when <see cref="TeacherClient"/> is set.</summary>
        public PolicySource Teacher { get; set; } = PolicySource.PreviousStep;

        /// <summary>A chat client to use as the teacher instead of a policy (for example a remote R1 API). Default none.</summary>
        public IChatClient? TeacherClient { get; set; }

        /// <summary>The student to fine-tune. Required (for example <see cref="PolicySource.FromFolder"/>). Default none.</summary>
        public PolicySource? Student { get; set; }

        /// <summary>The reward pipeline that judges the teacher's samples. Default none: resolved from <see cref="Services"/>.</summary>
        public IRewardScorer? Rewards { get; set; }

        /// <summary>A service provider with an <see cref="IRewardScorer"/> and optionally an <c>ILoggerFactory</c>. Used when
        /// <see cref="Rewards"/> is null. Default none.</summary>
        public IServiceProvider? Services { get; set; }

        /// <summary>
        /// Receives the sampler's and the trainer's log. Default none: the <see cref="ILoggerFactory"/> of <see cref="Services"/>. A step made
        /// by <c>mlContext.Reasoning()</c> also writes to the <c>MLContext</c>'s log (<c>mlContext.Log</c>).
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

        /// <summary>How a question becomes the teacher policy's input. Default <see cref="PromptFormat.R1Zero"/>.</summary>
        public PromptFormat TeacherPrompt { get; set; } = PromptFormat.R1Zero;

        /// <summary>
        /// How a question becomes the student's input. Default <see cref="PromptFormat.R1Zero"/>. When it equals
        /// <see cref="TeacherPrompt"/> (same template name and completion prefix) the student trains on each sample's <c>Response</c>,
        /// otherwise (and always with a <see cref="TeacherClient"/>) on its self-contained <c>Completion</c>.
        /// </summary>
        public PromptFormat StudentPrompt { get; set; } = PromptFormat.R1Zero;

        /// <summary>The sampling, correctness and filter settings. Default <c>new RejectionSamplingOptions()</c>.</summary>
        public RejectionSamplingOptions Sampler { get; set; } = new();

        /// <summary>The student's SFT hyper-parameters. Default <c>new SftOptions()</c>.</summary>
        public SftOptions Trainer { get; set; } = new();

        /// <summary>Stops sampling at a batch boundary, or training after the current step. Default none.</summary>
        public CancellationToken CancellationToken { get; set; }

        internal ReferenceColumns Columns() =>
            new(PromptColumnName, AnswerColumnName, TestsColumnName, EntryPointColumnName, LanguageColumnName, TaskTypeColumnName);

        internal void Validate()
        {
            ArgumentNullException.ThrowIfNull(Teacher, nameof(Teacher));
            if (Student is null)
                throw new ArgumentNullException(nameof(Student),
                    "DistillEstimator.Options.Student is required (for example PolicySource.FromFolder).");
            ArgumentException.ThrowIfNullOrWhiteSpace(PromptColumnName, nameof(PromptColumnName));
            ArgumentNullException.ThrowIfNull(TeacherPrompt, nameof(TeacherPrompt));
            ArgumentNullException.ThrowIfNull(StudentPrompt, nameof(StudentPrompt));
            ArgumentNullException.ThrowIfNull(Sampler, nameof(Sampler));
            ArgumentNullException.ThrowIfNull(Trainer, nameof(Trainer));
            if (Rewards is null && Services is null)
                throw new ArgumentException("DistillEstimator.Options needs Rewards (an IRewardScorer) or Services " +
                                            "(a provider where services.AddReasoningRewards(...) was called).");
            Sampler.Validate();
            Trainer.Validate();
        }

        /// <summary>The reward pipeline: <see cref="Rewards"/>, else the one registered in <see cref="Services"/>.</summary>
        internal IRewardScorer ResolveRewards() => Rewards ?? Services!.GetService(typeof(IRewardScorer)) as IRewardScorer
            ?? throw new InvalidOperationException(
                "DistillEstimator: the service provider has no IRewardScorer; call services.AddReasoningRewards(...) first.");

        /// <summary>The logger factory: <see cref="LoggerFactory"/>, else the one registered in <see cref="Services"/>.</summary>
        internal ILoggerFactory? ResolveLoggerFactory() => LoggerFactory ?? Services?.GetService(typeof(ILoggerFactory)) as ILoggerFactory;
    }
}
