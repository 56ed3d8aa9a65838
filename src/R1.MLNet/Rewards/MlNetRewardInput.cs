namespace R1.MLNet.Rewards;

/// <summary>Which text of a sample <see cref="MlNetModelReward"/> feeds to the model's text column.</summary>
public enum MlNetRewardInput
{
    /// <summary>
    /// The final answer: the <c>&lt;answer&gt;</c> content, else the text after <c>&lt;/think&gt;</c> (the R1 summary),
    /// else the whole completion.
    /// </summary>
    FinalAnswer,

    /// <summary>The whole completion, chain of thought included.</summary>
    Completion,

    /// <summary>The prompt, a newline, then the final answer (for models trained on question-answer pairs).</summary>
    PromptAndFinalAnswer,
}
