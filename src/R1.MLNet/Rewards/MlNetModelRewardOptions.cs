namespace R1.MLNet.Rewards;

/// <summary>Options of <see cref="MlNetModelReward"/>, bound from the configuration subsection <c>Rewards:MlNetModel</c>.</summary>
public sealed class MlNetModelRewardOptions
{
    /// <summary>The configuration subsection name, <c>MlNetModel</c>.</summary>
    public const string SectionName = "MlNetModel";

    /// <summary>The model's input text column. Default: <c>Text</c>.</summary>
    public string TextColumnName { get; set; } = "Text";

    /// <summary>The model's output score column (a <see cref="float"/>). Default: <c>Score</c>.</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>Which text of the sample the model sees. Default: <see cref="MlNetRewardInput.FinalAnswer"/>.</summary>
    public MlNetRewardInput Input { get; set; } = MlNetRewardInput.FinalAnswer;

    /// <summary>How the score becomes a reward. Default: <see cref="MlNetScoreMapping.Sigmoid"/> (binary classifiers' margins).</summary>
    public MlNetScoreMapping ScoreMapping { get; set; } = MlNetScoreMapping.Sigmoid;

    /// <summary>Checks the values, naming the bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(TextColumnName)) throw new ArgumentException("TextColumnName must not be empty.", nameof(TextColumnName));
        if (string.IsNullOrWhiteSpace(ScoreColumnName)) throw new ArgumentException("ScoreColumnName must not be empty.", nameof(ScoreColumnName));
        if (!Enum.IsDefined(Input)) throw new ArgumentOutOfRangeException(nameof(Input), Input, "Unknown input.");
        if (!Enum.IsDefined(ScoreMapping)) throw new ArgumentOutOfRangeException(nameof(ScoreMapping), ScoreMapping, "Unknown score mapping.");
    }
}
