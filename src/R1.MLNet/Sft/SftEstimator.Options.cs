using Microsoft.Extensions.Logging;
using R1.Rollout.ChatTemplates;
using R1.MLNet.Training;

namespace R1.MLNet.Sft;

public sealed partial class SftEstimator
{
    /// <summary>Options of <c>mlContext.Reasoning().Sft(...)</c>. The hyper-parameters are in <see cref="Trainer"/>.</summary>
    public sealed class Options
    {
        /// <summary>
        /// Where the policy comes from: <see cref="PolicySource.FromScratch"/> to pre-train a new model, <see cref="PolicySource.FromFolder"/>,
        /// <see cref="PolicySource.FromPolicy"/>. Default <see cref="PolicySource.PreviousStep"/>.
        /// </summary>
        public PolicySource Policy { get; set; } = PolicySource.PreviousStep;

        /// <summary>The input text column with the prompt. Default <c>Prompt</c>.</summary>
        public string PromptColumnName { get; set; } = "Prompt";

        /// <summary>The input text column with the target response. Default <c>Response</c>.</summary>
        public string ResponseColumnName { get; set; } = "Response";

        /// <summary>
        /// How a prompt becomes the model input the response follows: a chat template and an optional completion prefix.
        /// Default <see cref="PromptFormat.R1Zero"/> (use the same in the GRPO and Reason steps).
        /// </summary>
        public PromptFormat Prompt { get; set; } = PromptFormat.R1Zero;

        /// <summary>
        /// Receives the trainer's log (progress every <c>LogEvery</c> steps: loss, learning rate). Default none. A step made by
        /// <c>mlContext.Reasoning()</c> also writes to the <c>MLContext</c>'s log (<c>mlContext.Log</c>).
        /// </summary>
        public ILoggerFactory? LoggerFactory { get; set; }

        /// <summary>
        /// The trainer's hyper-parameters. Default <c>new SftOptions()</c> (1 epoch, batch 16, lr 1e-4 cosine, 5% warm-up,
        /// AdamW β = (0.9, 0.95), weight decay 0.01). The estimator reads them at each fit and never changes them.
        /// </summary>
        public SftOptions Trainer { get; set; } = new();

        /// <summary>Stops training early (the policy keeps what it learned). Default none.</summary>
        public CancellationToken CancellationToken { get; set; }

        internal void Validate()
        {
            ArgumentNullException.ThrowIfNull(Policy, nameof(Policy));
            ArgumentException.ThrowIfNullOrWhiteSpace(PromptColumnName, nameof(PromptColumnName));
            ArgumentException.ThrowIfNullOrWhiteSpace(ResponseColumnName, nameof(ResponseColumnName));
            ArgumentNullException.ThrowIfNull(Trainer, nameof(Trainer));
            ArgumentNullException.ThrowIfNull(Prompt, nameof(Prompt));
            Trainer.Validate();
        }
    }
}
