using R1.MLNet.DataView;
using R1.MLNet.Reason;
using R1.MLNet.Training;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Generation;
using R1.Rewards.Composition;

namespace R1.MLNet.Evaluate;

/// <summary>
/// How <c>mlContext.Reasoning().Evaluate(...)</c> scores a policy, following the DeepSeek-R1 paper: sample k completions per
/// question at temperature 0.6 and top-p 0.95; pass@1 is the mean correctness over the k samples, cons@k the correctness of the
/// majority-voted answer.
/// </summary>
public sealed class EvaluationOptions
{
    /// <summary>The input text column with the question. Default <c>Prompt</c>.</summary>
    public string PromptColumnName { get; set; } = "Prompt";

    /// <summary>The input text column with the gold answer. Default <c>Answer</c>; required unless <see cref="Rewards"/> is set.</summary>
    public string AnswerColumnName { get; set; } = ReferenceColumns.DefaultAnswer;

    /// <summary>Test-code column passed to the rewards. Default <c>Tests</c>, used when present; null ignores it.</summary>
    public string? TestsColumnName { get; set; } = ReferenceColumns.DefaultTests;

    /// <summary>Entry-point column passed to the rewards. Default <c>EntryPoint</c>, used when present; null ignores it.</summary>
    public string? EntryPointColumnName { get; set; } = ReferenceColumns.DefaultEntryPoint;

    /// <summary>Target-language column passed to the rewards. Default <c>Language</c>, used when present; null ignores it.</summary>
    public string? LanguageColumnName { get; set; } = ReferenceColumns.DefaultLanguage;

    /// <summary>
    /// When set, a sample is correct when <see cref="CorrectnessReward"/> scores it at least 1 (or, if no reward has that name,
    /// when the weighted total is positive) — for tasks checked by tests rather than a gold string. Default none: the
    /// <see cref="AnswerMatcher"/> compares with the gold answer.
    /// </summary>
    public IRewardScorer? Rewards { get; set; }

    /// <summary>
    /// The reward that decides correctness when <see cref="Rewards"/> is set. Default <c>math</c> (use <c>code</c> for code tasks).
    /// </summary>
    public string CorrectnessReward { get; set; } = "math";

    /// <summary>k: completions per question. The paper uses 4 to 64 (64 for cons@64); default 4 keeps CPU runs short.</summary>
    public int Samples { get; set; } = 4;

    /// <summary>
    /// How completions are sampled. Default temperature 0.6 and top-p 0.95 (the paper), <c>MaxNewTokens</c> 256 (the paper allows
    /// 32,768; CPU-sized here). <c>Seed</c> is the base seed: batch <c>b</c> uses <c>Seed + b</c>, so results depend on
    /// <see cref="BatchSize"/> (<see langword="null"/> counts as 0 or, in a step made by <c>mlContext.Reasoning()</c>, a seed drawn from the
    /// <c>MLContext</c>).
    /// </summary>
    public SamplingOptions Sampling { get; set; } = new() { MaxNewTokens = 256, Temperature = 0.6, TopP = 0.95 };

    /// <summary>Evaluate at most this many questions (the first ones); 0 = all. Default 0.</summary>
    public int MaxQuestions { get; set; }

    /// <summary>Questions per batched generate call (each with <see cref="Samples"/> completions). Default 8.</summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>How a question becomes the model input (template and completion prefix). Default <see cref="PromptFormat.R1Zero"/>.</summary>
    public PromptFormat Prompt { get; set; } = PromptFormat.R1Zero;

    /// <summary>
    /// Extracts answers and compares them with the gold answer and with each other. Default <see cref="MathAnswerMatcher"/>
    /// (R1.Rewards.Math); <see cref="ExactAnswerMatcher"/> compares trimmed strings.
    /// </summary>
    public IAnswerMatcher AnswerMatcher { get; set; } = MathAnswerMatcher.Instance;

    /// <summary>Keep every sampled completion in <see cref="QuestionResult.Completions"/>. Default <see langword="false"/>.</summary>
    public bool KeepCompletions { get; set; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(PromptColumnName, nameof(PromptColumnName));
        ArgumentException.ThrowIfNullOrWhiteSpace(AnswerColumnName, nameof(AnswerColumnName));
        if (Samples < 1) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "EvaluationOptions.Samples must be at least 1.");
        SamplingChecks.Validate(Sampling, "EvaluationOptions.Sampling");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "EvaluationOptions.BatchSize must be at least 1.");
        if (MaxQuestions < 0)
            throw new ArgumentOutOfRangeException(nameof(MaxQuestions), MaxQuestions, "EvaluationOptions.MaxQuestions must be non-negative.");
        ArgumentNullException.ThrowIfNull(AnswerMatcher, nameof(AnswerMatcher));
        ArgumentNullException.ThrowIfNull(Prompt, nameof(Prompt));
    }

    /// <summary>A copy (the sampling options are copied too).</summary>
    public EvaluationOptions Clone()
    {
        var copy = (EvaluationOptions)MemberwiseClone();
        copy.Sampling = Sampling?.Clone()!;
        return copy;
    }
}
