namespace R1.MLNet.Recipe;

/// <summary>The held-out evaluation <see cref="R1Recipe"/> runs after every stage: greedy accuracy per task type.</summary>
public sealed class RecipeEvaluationOptions
{
    /// <summary>The longest completion generated per held-out example. Default 128.</summary>
    public int MaxNewTokens { get; set; } = 128;

    /// <summary>Held-out examples generated at once. Default 256.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// The reward whose score (≥ 1) counts as correct, per task type (case-insensitive); task types not listed, and examples without
    /// a task type, use <see cref="DefaultAccuracyReward"/>. Default <c>math</c> → <c>math</c>, <c>code</c> → <c>code</c>,
    /// <c>general</c> → <c>judge</c>.
    /// </summary>
    public Dictionary<string, string> AccuracyRewards { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["math"] = "math", ["code"] = "code", ["general"] = "judge",
    };

    /// <summary>The accuracy reward of task types without an entry in <see cref="AccuracyRewards"/>. Default <c>math</c>.</summary>
    public string DefaultAccuracyReward { get; set; } = "math";

    /// <summary>The accuracy reward for <paramref name="taskType"/>.</summary>
    public string AccuracyRewardFor(string? taskType) =>
        taskType is not null && AccuracyRewards.TryGetValue(taskType, out var name) ? name : DefaultAccuracyReward;

    /// <summary>A copy (its dictionary too).</summary>
    public RecipeEvaluationOptions Clone() => new()
    {
        MaxNewTokens = MaxNewTokens, BatchSize = BatchSize, DefaultAccuracyReward = DefaultAccuracyReward,
        AccuracyRewards = new Dictionary<string, string>(AccuracyRewards ?? [], StringComparer.OrdinalIgnoreCase),
    };

    internal void Validate()
    {
        if (MaxNewTokens < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxNewTokens), MaxNewTokens, "R1RecipeOptions.Evaluation.MaxNewTokens must be at least 1.");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "R1RecipeOptions.Evaluation.BatchSize must be at least 1.");
        if (AccuracyRewards is null)
            throw new ArgumentNullException(nameof(AccuracyRewards), "R1RecipeOptions.Evaluation.AccuracyRewards must not be null.");
        if (string.IsNullOrWhiteSpace(DefaultAccuracyReward))
            throw new ArgumentException("R1RecipeOptions.Evaluation.DefaultAccuracyReward must name a reward.", nameof(DefaultAccuracyReward));
        foreach (var (type, reward) in AccuracyRewards)
            if (string.IsNullOrWhiteSpace(reward))
                throw new ArgumentException($"R1RecipeOptions.Evaluation.AccuracyRewards['{type}'] must name a reward.", nameof(AccuracyRewards));
    }
}
