namespace R1.Rewards.Judge;

/// <summary>Which part of a completion the <see cref="JudgeReward"/> sends to the judge.</summary>
public enum JudgeScope
{
    /// <summary>
    /// The final answer (<see cref="Format.ReasoningCompletion.FinalAnswer"/>: the last <c>&lt;answer&gt;</c> block, else the text after
    /// <c>&lt;/think&gt;</c>); a completion whose reasoning never finished is "not applicable". For correctness against a reference.
    /// </summary>
    FinalAnswer,

    /// <summary>
    /// The summary: the whole text after the last <c>&lt;/think&gt;</c> (the whole completion when it has no think tags); the chain of
    /// thought is never sent. DeepSeek-R1 judges helpfulness on the final summary. Unfinished reasoning is "not applicable".
    /// </summary>
    Summary,

    /// <summary>
    /// The whole response, reasoning and summary: DeepSeek-R1 judges harmlessness on it, so an unfinished response is still scored.
    /// </summary>
    WholeResponse,
}
