namespace R1.Rewards.Abstractions;

/// <summary>
/// One completion to score, with the reference data of the prompt it answers.
/// Rewards read only the fields they need and report "not applicable" when those are missing.
/// </summary>
public sealed record RewardSample
{
    /// <summary>The prompt (question) the completion answers, as the user wrote it (without a chat template).</summary>
    public required string Prompt { get; init; }

    /// <summary>The model's completion: the generated text after the prompt.</summary>
    public required string Completion { get; init; }

    /// <summary>The gold answer (math), for example <c>\frac{1}{2}</c> or <c>42</c>.</summary>
    public string? Answer { get; init; }

    /// <summary>Test code run against the completion's code (for example HumanEval's <c>check(candidate)</c>).</summary>
    public string? Tests { get; init; }

    /// <summary>The function name the tests call (HumanEval's <c>entry_point</c>).</summary>
    public string? EntryPoint { get; init; }

    /// <summary>The target language of the chain of thought, as an ISO 639-1 code such as <c>en</c> or <c>ko</c>.</summary>
    public string? Language { get; init; }

    /// <summary>
    /// The kind of prompt (for example <c>math</c>, <c>code</c> or <c>general</c>). When the pipeline has routes
    /// (<c>ReasoningRewardsBuilder.Route</c>), it selects which rewards score this sample; <see langword="null"/> means every reward.
    /// </summary>
    public string? TaskType { get; init; }

    /// <summary>Any other reference data a custom reward needs, by name.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = EmptyExtra;

    private static readonly IReadOnlyDictionary<string, string> EmptyExtra = new Dictionary<string, string>();
}
