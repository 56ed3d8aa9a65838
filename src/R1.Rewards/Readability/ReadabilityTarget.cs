namespace R1.Rewards.Readability;

/// <summary>Which text of a completion a <see cref="IReadabilityFilter"/> reads.</summary>
public enum ReadabilityTarget
{
    /// <summary>
    /// The chain of thought: <see cref="Format.ReasoningCompletion.Reasoning"/> (the text up to the last <c>&lt;/think&gt;</c>, or all
    /// of an unfinished think block); a completion without think tags is read whole, as the language-consistency reward reads it.
    /// </summary>
    ChainOfThought,

    /// <summary>The whole completion: reasoning, summary and answer.</summary>
    WholeCompletion,
}
