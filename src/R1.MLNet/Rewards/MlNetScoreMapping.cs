namespace R1.MLNet.Rewards;

/// <summary>How <see cref="MlNetModelReward"/> turns the model's <c>Score</c> into a reward.</summary>
public enum MlNetScoreMapping
{
    /// <summary>The logistic function 1 / (1 + e^-score): a binary classifier's raw margin becomes a value in (0, 1).</summary>
    Sigmoid,

    /// <summary>The score as is (for regression models trained on reward values).</summary>
    Raw,

    /// <summary>The score clamped to [0, 1].</summary>
    Clamp01,
}
