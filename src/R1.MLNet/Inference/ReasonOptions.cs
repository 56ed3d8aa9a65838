using R1.MLNet.Catalog;

namespace R1.MLNet.Inference;

/// <summary>
/// Options of <c>mlContext.Reasoning().Reason(...)</c>: which column holds the question, the names of the generated
/// columns, and how to sample. Defaults are the paper's evaluation settings (temperature 0.6, top-p 0.95).
/// </summary>
public sealed class ReasonOptions
{
    /// <summary>Where the estimator gets its policy. Default <see cref="PolicySource.PreviousStep"/>. Ignored by a transformer built from a policy.</summary>
    public PolicySource Policy { get; set; } = PolicySource.PreviousStep;

    /// <summary>The input text column holding the question. Default <c>Prompt</c>.</summary>
    public string PromptColumnName { get; set; } = "Prompt";

    /// <summary>Output column with the full completion (after the prompt). Default <c>Completion</c>.</summary>
    public string CompletionColumnName { get; set; } = "Completion";

    /// <summary>Output column with the chain of thought inside <c>&lt;think&gt;…&lt;/think&gt;</c>. Default <c>Reasoning</c>.</summary>
    public string ReasoningColumnName { get; set; } = "Reasoning";

    /// <summary>Output column with the final answer (see <see cref="R1.Rewards.Format.ReasoningCompletion.FinalAnswer"/>). Default <c>Answer</c>; it hides an input column of the same name.</summary>
    public string AnswerColumnName { get; set; } = "Answer";

    /// <summary>Maximum generated tokens per completion. Default 256.</summary>
    public int MaxNewTokens { get; set; } = 256;

    /// <summary>Sampling temperature; 0 decodes greedily. Default 0.6 (the paper's evaluation setting).</summary>
    public double Temperature { get; set; } = 0.6;

    /// <summary>Nucleus (top-p) threshold. Default 0.95 (the paper's evaluation setting).</summary>
    public double TopP { get; set; } = 0.95;

    /// <summary>A completion stops once it contains one of these, kept at its end (for example <c>&lt;/answer&gt;</c>). Default none (stop at EOS or the token limit).</summary>
    public IReadOnlyList<string> StopStrings { get; set; } = [];

    /// <summary>k: completions sampled per question. With k &gt; 1 the outputs are those of the majority-voted answer. Default 1.</summary>
    public int Samples { get; set; } = 1;

    /// <summary>Rows generated per batched generate call when the data view is read (each with <see cref="Samples"/> completions). Default 8.</summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>Seed of the sampler: a batch whose first row has id <c>i</c> is sampled with <c>Seed + i</c>. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>
    /// Turns a question into the model's input text. <see langword="null"/> (default) uses <see cref="PromptTemplate"/>.
    /// A custom delegate cannot be saved by <see cref="Persistence.ReasoningModel.Save"/>.
    /// </summary>
    public Func<string, string>? PromptFormatter { get; set; }

    /// <summary>The named template used when <see cref="PromptFormatter"/> is null: <see cref="PromptTemplates.R1Zero"/> (default) or <see cref="PromptTemplates.None"/>.</summary>
    public string PromptTemplate { get; set; } = PromptTemplates.R1Zero;

    /// <summary>Text appended after the formatted prompt to start the completion (for example <c>&lt;think&gt;</c>); it is kept at the start of <c>Completion</c>. Default empty.</summary>
    public string CompletionPrefix { get; set; } = "";

    /// <summary>Extracts and compares answers for the majority vote. Default <see cref="MathAnswerMatcher"/> (R1.Rewards.Math); <see cref="ExactAnswerMatcher"/> compares trimmed strings.</summary>
    public IAnswerMatcher AnswerMatcher { get; set; } = MathAnswerMatcher.Instance;

    /// <summary>A shallow copy.</summary>
    public ReasonOptions Clone() => (ReasonOptions)MemberwiseClone();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(PromptColumnName), PromptColumnName), (nameof(CompletionColumnName), CompletionColumnName),
                     (nameof(ReasoningColumnName), ReasoningColumnName), (nameof(AnswerColumnName), AnswerColumnName) })
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"ReasonOptions.{name} must be a column name.", name);
        if (MaxNewTokens < 1) throw new ArgumentOutOfRangeException(nameof(MaxNewTokens), MaxNewTokens, "ReasonOptions.MaxNewTokens must be at least 1.");
        if (Temperature < 0 || !double.IsFinite(Temperature)) throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "ReasonOptions.Temperature must be finite and non-negative.");
        if (TopP is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "ReasonOptions.TopP must be in (0, 1].");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "ReasonOptions.BatchSize must be at least 1.");
        if (Samples < 1) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "ReasonOptions.Samples must be at least 1.");
        ArgumentNullException.ThrowIfNull(AnswerMatcher, nameof(AnswerMatcher));
        if (StopStrings is null || StopStrings.Any(string.IsNullOrEmpty))
            throw new ArgumentException("ReasonOptions.StopStrings must not be null or contain empty strings.", nameof(StopStrings));
        ArgumentNullException.ThrowIfNull(Policy, nameof(Policy));
        PromptTemplates.Get(PromptTemplate);
    }

    internal SamplingSettings ToSampling() =>
        new(MaxNewTokens, Temperature, TopP, PromptFormatter ?? PromptTemplates.Get(PromptTemplate), CompletionPrefix) { StopStrings = StopStrings };
}
