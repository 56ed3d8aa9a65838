using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using R1.MLNet.DataView;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rollout;

namespace R1.MLNet.Grpo;

/// <summary>
/// The estimator of <c>mlContext.Reasoning().Grpo(...)</c>: reads the prompt and reference columns (only those), and trains the
/// policy with <see cref="GrpoTrainer"/> in place. The fitted <see cref="GrpoTransformer"/> owns the trained policy.
/// </summary>
public sealed partial class GrpoEstimator : IEstimator<GrpoTransformer>, IPolicyEstimator
{
    private readonly Options _options;
    private readonly ReasoningEnvironment? _environment;
    private readonly int? _seed;

    /// <summary>Creates the estimator (the options are validated now; the policy is resolved at <see cref="Fit"/>).</summary>
    public GrpoEstimator(Options options) : this(options, null)
    {
    }

    /// <summary>The estimator of a catalog: seed and log come from the <c>MLContext</c> where the options leave them unset.</summary>
    internal GrpoEstimator(Options options, ReasoningEnvironment? environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _environment = environment;
        _seed = environment?.Seed;
    }

    /// <inheritdoc />
    public Policy? FittedPolicy { get; private set; }

    /// <summary>Checks the columns, reads the examples and trains.</summary>
    public GrpoTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var train = ReadExamples(input, "training");
        var eval = _options.EvaluationData is { } evalData ? ReadExamples(evalData, "evaluation") : null;
        if (train.Count == 0) throw new InvalidOperationException("GrpoEstimator: the input has no rows to train on.");
        var rewards = _options.Rewards ?? _options.Services!.GetService<IRewardScorer>()
            ?? throw new InvalidOperationException(
                "GrpoEstimator: the service provider has no IRewardScorer; call services.AddReasoningRewards(...) first.");
        var logger = ReasoningEnvironment.Logger<GrpoTrainer>(_environment,
            _options.LoggerFactory ?? _options.Services?.GetService<ILoggerFactory>());
        var policy = _options.Policy.Resolve(input, nameof(GrpoEstimator));
        var trainer = new GrpoTrainer(policy, rewards, SeededOptions.Of(_options.Trainer, _seed), _options.Prompt, logger);
        var result = trainer.Train(train, eval, _options.CancellationToken);
        FittedPolicy = policy;
        return new GrpoTransformer(policy, result);
    }

    /// <summary>Checks the prompt and reference columns; the output shape is the input's (rows pass through).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        _options.Columns().Check(inputSchema);
        return inputSchema;
    }

    private List<ReasoningExample> ReadExamples(IDataView data, string role) =>
        _options.Columns().ReadExamples(data, $"GrpoEstimator ({role} data)", _options.CancellationToken);
}
