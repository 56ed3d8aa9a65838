using Microsoft.Extensions.Logging;
using Microsoft.ML;
using R1.MLNet.DataView;
using R1.MLNet.Training;
using R1.Rollout;

namespace R1.MLNet.Sft;

/// <summary>
/// The estimator of <c>mlContext.Reasoning().Sft(...)</c>: reads the prompt and response columns (only those) and trains the
/// policy with <see cref="SftTrainer"/> in place. The fitted <see cref="SftTransformer"/> owns the trained policy.
/// </summary>
public sealed partial class SftEstimator : IEstimator<SftTransformer>, IPolicyEstimator
{
    private readonly Options _options;
    private readonly ReasoningEnvironment? _environment;
    private readonly int? _seed;

    /// <summary>Creates the estimator (the options are validated now; the policy is resolved at <see cref="Fit"/>).</summary>
    public SftEstimator(Options options) : this(options, null)
    {
    }

    /// <summary>The estimator of a catalog: seed and log come from the <c>MLContext</c> where the options leave them unset.</summary>
    internal SftEstimator(Options options, ReasoningEnvironment? environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _environment = environment;
        _seed = environment?.Seed;
    }

    /// <inheritdoc />
    public Policy? FittedPolicy { get; private set; }

    /// <summary>Checks the columns, reads the pairs and trains.</summary>
    public SftTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        TextColumn.Require(input.Schema, _options.PromptColumnName, "prompt");
        TextColumn.Require(input.Schema, _options.ResponseColumnName, "response");
        var pairs = TextColumnReader.Read(input, [_options.PromptColumnName, _options.ResponseColumnName], _options.CancellationToken)
            .Select(r => (Prompt: r[0]!, Response: r[1]!))
            .ToList();
        if (pairs.Count == 0) throw new InvalidOperationException("SftEstimator: the input has no rows to train on.");
        var policy = _options.Policy.Resolve(input, nameof(SftEstimator));
        var logger = ReasoningEnvironment.Logger<SftTrainer>(_environment, _options.LoggerFactory);
        var trainer = new SftTrainer(policy, SeededOptions.Of(_options.Trainer, _seed), _options.Prompt, logger);
        var result = trainer.Train(pairs, _options.CancellationToken);
        FittedPolicy = policy;
        return new SftTransformer(policy, result);
    }

    /// <summary>Checks the prompt and response columns; the output shape is the input's (rows pass through).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        TextColumn.Require(inputSchema, _options.PromptColumnName, "prompt");
        TextColumn.Require(inputSchema, _options.ResponseColumnName, "response");
        return inputSchema;
    }
}
