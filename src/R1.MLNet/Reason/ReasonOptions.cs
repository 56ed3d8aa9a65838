using R1.MLNet.Training;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Generation;

namespace R1.MLNet.Reason;

/// <summary>
/// Options of <c>mlContext.Reasoning().Reason(...)</c>: which column holds the question, the names of the generated
/// columns, how questions become model input and how to sample. Defaults are the paper's evaluation settings
/// (temperature 0.6, top-p 0.95).
/// </summary>
public sealed class ReasonOptions
{
    /// <summary>
    /// Where the estimator gets its policy. Default <see cref="PolicySource.PreviousStep"/>. Ignored by a transformer built from a policy.
    /// </summary>
    public PolicySource Policy { get; set; } = PolicySource.PreviousStep;

    /// <summary>The input text column holding the question. Default <c>Prompt</c>.</summary>
    public string PromptColumnName { get; set; } = "Prompt";

    /// <summary>Output column with the full completion (after the prompt). Default <c>Completion</c>.</summary>
    public string CompletionColumnName { get; set; } = "Completion";

    /// <summary>Output column with the chain of thought inside <c>&lt;think&gt;…&lt;/think&gt;</c>. Default <c>Reasoning</c>.</summary>
    public string ReasoningColumnName { get; set; } = "Reasoning";

    /// <summary>
    /// Output column with the final answer, as the rewards grade it (<see cref="R1.Rewards.Format.ReasoningCompletion.FinalAnswer"/>).
    /// Default <c>Answer</c>; it hides an input column of the same name.
    /// </summary>
    public string AnswerColumnName { get; set; } = "Answer";

    /// <summary>
    /// How completions are sampled. Default <c>MaxNewTokens</c> 256, temperature 0.6 and top-p 0.95 (the paper's evaluation
    /// setting); temperature 0 decodes greedily. <c>StopStrings</c> end a completion (kept at its end). <c>Seed</c> is the base
    /// seed: a batch whose first row has id <c>i</c> is sampled with <c>Seed + i</c> (<see langword="null"/> counts as 0,
    /// or, in a step made by <c>mlContext.Reasoning()</c>, a seed drawn from the <c>MLContext</c>).
    /// </summary>
    public SamplingOptions Sampling { get; set; } = new() { MaxNewTokens = 256, Temperature = 0.6, TopP = 0.95 };

    /// <summary>
    /// How a question becomes the model input: a chat template (saved by its name) and an optional completion prefix, which is
    /// kept at the start of <c>Completion</c>. Default <see cref="PromptFormat.R1Zero"/>.
    /// </summary>
    public PromptFormat Prompt { get; set; } = PromptFormat.R1Zero;

    /// <summary>k: completions sampled per question. With k &gt; 1 the outputs are those of the majority-voted answer. Default 1.</summary>
    public int Samples { get; set; } = 1;

    /// <summary>
    /// Rows generated per batched generate call when the data view is read (each with <see cref="Samples"/> completions). Default 8.
    /// </summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>
    /// Extracts and compares answers for the majority vote. Default <see cref="MathAnswerMatcher"/> (R1.Rewards.Math);
    /// <see cref="ExactAnswerMatcher"/> compares trimmed strings.
    /// </summary>
    public IAnswerMatcher AnswerMatcher { get; set; } = MathAnswerMatcher.Instance;

    /// <summary>A copy (the sampling options are copied too).</summary>
    public ReasonOptions Clone()
    {
        var copy = (ReasonOptions)MemberwiseClone();
        copy.Sampling = Sampling?.Clone()!;
        return copy;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(PromptColumnName), PromptColumnName), (nameof(CompletionColumnName), CompletionColumnName),
                     (nameof(ReasoningColumnName), ReasoningColumnName), (nameof(AnswerColumnName), AnswerColumnName),
                 })
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"ReasonOptions.{name} must be a column name.", name);
        SamplingChecks.Validate(Sampling, "ReasonOptions.Sampling");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "ReasonOptions.BatchSize must be at least 1.");
        if (Samples < 1) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "ReasonOptions.Samples must be at least 1.");
        ArgumentNullException.ThrowIfNull(AnswerMatcher, nameof(AnswerMatcher));
        ArgumentNullException.ThrowIfNull(Policy, nameof(Policy));
        ArgumentNullException.ThrowIfNull(Prompt, nameof(Prompt));
    }
}
