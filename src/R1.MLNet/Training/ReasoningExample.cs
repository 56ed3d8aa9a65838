namespace R1.MLNet.Training;

/// <summary>
/// One training or evaluation prompt with the reference data the rewards need. The fields map one to one onto
/// <see cref="R1.Rewards.Abstractions.RewardSample"/>.
/// </summary>
/// <param name="Prompt">The question, as the user wrote it (the trainer applies the prompt template).</param>
/// <param name="Answer">The gold answer for math rewards.</param>
/// <param name="Tests">Test code for code rewards.</param>
/// <param name="EntryPoint">The function the tests call.</param>
/// <param name="Language">The expected language of the reasoning (ISO 639-1).</param>
/// <param name="TaskType">The kind of prompt (<c>math</c>, <c>code</c>, <c>general</c>, …); selects the rewards when the pipeline routes
/// by task type, and splits the per-step metrics.</param>
public sealed record ReasoningExample(string Prompt, string? Answer = null, string? Tests = null, string? EntryPoint = null,
    string? Language = null, string? TaskType = null);
