using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using R1.Rewards.Abstractions;
using R1.Rewards.Format;

namespace R1.MLNet.Rewards;

/// <summary>
/// Any fitted ML.NET model with a text input and a <c>Score</c> output (for example <c>FeaturizeText</c> plus a binary trainer)
/// used as a reward for general, non-verifiable prompts. The schema is checked when the reward is built. Prediction engines are
/// not thread-safe, so each scoring call rents one from a pool and returns it.
/// </summary>
public sealed class MlNetModelReward : RewardBase
{
    /// <summary>The default reward name, <c>mlnet</c>.</summary>
    public const string DefaultName = "mlnet";

    private readonly MLContext _mlContext;
    private readonly ITransformer _model;
    private readonly MlNetModelRewardOptions _options;
    private readonly SchemaDefinition _inputSchema;
    private readonly SchemaDefinition _outputSchema;
    private readonly ConcurrentBag<PredictionEngine<TextRow, ScoreRow>> _engines = new();

    /// <summary>Wraps <paramref name="model"/>; throws <see cref="ArgumentException"/> naming the column when its schema does not fit.</summary>
    public MlNetModelReward(MLContext mlContext, ITransformer model, MlNetModelRewardOptions? options = null, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _mlContext = mlContext;
        _model = model;
        _options = options ?? new MlNetModelRewardOptions();
        _options.Validate();
        Name = name;
        _inputSchema = SchemaDefinition.Create(typeof(TextRow));
        _inputSchema[0].ColumnName = _options.TextColumnName;
        _outputSchema = SchemaDefinition.Create(typeof(ScoreRow));
        _outputSchema[0].ColumnName = _options.ScoreColumnName;
        CheckSchema();
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The options in use.</summary>
    public MlNetModelRewardOptions Options => _options;

    /// <inheritdoc />
    protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken cancellationToken)
    {
        string? text = SelectText(sample);
        if (text == null) return ValueTask.FromResult(RewardScore.NotApplicable("no final answer: the reasoning did not finish"));
        float score = Predict(text);
        if (!float.IsFinite(score)) return ValueTask.FromResult(RewardScore.Missing($"model score is {score}"));
        return ValueTask.FromResult(RewardScore.Of(Map(score), $"{_options.ScoreColumnName} {score:0.###}"));
    }

    /// <summary>The model's raw score for one text.</summary>
    public float Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var engine = _engines.TryTake(out var pooled) ? pooled : CreateEngine();
        try
        {
            return engine.Predict(new TextRow { Text = text }).Score;
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    private PredictionEngine<TextRow, ScoreRow> CreateEngine() =>
        _mlContext.Model.CreatePredictionEngine<TextRow, ScoreRow>(_model, ignoreMissingColumns: true, _inputSchema, _outputSchema);

    private string? SelectText(RewardSample sample)
    {
        if (_options.Input == MlNetRewardInput.Completion) return sample.Completion;
        string? final = ReasoningCompletion.Parse(sample.Completion).FinalAnswerOr(sample.Completion);
        if (final == null) return null;
        return _options.Input == MlNetRewardInput.PromptAndFinalAnswer ? sample.Prompt + "\n" + final : final;
    }

    private double Map(float score) => _options.ScoreMapping switch
    {
        MlNetScoreMapping.Sigmoid => 1.0 / (1.0 + Math.Exp(-score)),
        MlNetScoreMapping.Clamp01 => Math.Clamp(score, 0.0, 1.0),
        _ => score,
    };

    private void CheckSchema()
    {
        var empty = _mlContext.Data.LoadFromEnumerable(Array.Empty<TextRow>(), _inputSchema);
        DataViewSchema output;
        try
        {
            output = _model.GetOutputSchema(empty.Schema);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException($"The model does not accept a text column '{_options.TextColumnName}': {ex.Message}",
                nameof(_options.TextColumnName), ex);
        }
        var score = output.GetColumnOrNull(_options.ScoreColumnName)
            ?? throw new ArgumentException($"The model has no output column '{_options.ScoreColumnName}'; " +
                $"its columns are: {string.Join(", ", output.Select(c => c.Name))}.", nameof(_options.ScoreColumnName));
        if (score.Type != NumberDataViewType.Single)
            throw new ArgumentException($"The model's column '{_options.ScoreColumnName}' is {score.Type}, not Single.",
                nameof(_options.ScoreColumnName));
    }

    /// <summary>The model input: one text (its column name is set from the options).</summary>
    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    /// <summary>The model output: one score (its column name is set from the options).</summary>
    private sealed class ScoreRow
    {
        public float Score { get; set; }
    }
}
