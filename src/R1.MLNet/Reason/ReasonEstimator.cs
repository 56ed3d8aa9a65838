using Microsoft.ML;
using R1.MLNet.DataView;

namespace R1.MLNet.Reason;

/// <summary>
/// The estimator of <c>mlContext.Reasoning().Reason(...)</c>. Fitting trains nothing: it resolves the policy
/// (<see cref="ReasonOptions.Policy"/>, by default the previous step's) and returns a <see cref="ReasonTransformer"/>.
/// </summary>
public sealed class ReasonEstimator : IEstimator<ReasonTransformer>
{
    private readonly ReasonOptions _options;

    /// <summary>Creates the estimator; the options are copied and validated.</summary>
    public ReasonEstimator(ReasonOptions options) : this(options, null)
    {
    }

    /// <summary>The estimator of a catalog: an unset sampling seed is drawn from the <c>MLContext</c>.</summary>
    internal ReasonEstimator(ReasonOptions options, ReasoningEnvironment? environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _options.Validate();
        if (environment is not null) _options.Sampling = SeededOptions.Of(_options.Sampling, environment.Seed);
    }

    /// <summary>Checks the prompt column and returns the transformer.</summary>
    public ReasonTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        TextColumn.Require(input.Schema, _options.PromptColumnName, "prompt");
        var policy = _options.Policy.Resolve(input, nameof(ReasonEstimator));
        return new ReasonTransformer(policy, _options);
    }

    /// <summary>The input shape plus the generated text columns; checks the prompt column.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        TextColumn.Require(inputSchema, _options.PromptColumnName, "prompt");
        return SchemaShapes.WithTextColumns(inputSchema, [_options.CompletionColumnName, _options.ReasoningColumnName, _options.AnswerColumnName]);
    }
}
