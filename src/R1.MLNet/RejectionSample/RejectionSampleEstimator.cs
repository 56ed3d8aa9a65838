using Microsoft.Extensions.Logging;
using Microsoft.ML;
using R1.MLNet.DataView;
using R1.MLNet.Training;

namespace R1.MLNet.RejectionSample;

/// <summary>
/// The estimator of <c>mlContext.Reasoning().RejectionSample(...)</c>: reads the prompt and reference columns (only those),
/// samples k completions per prompt from the teacher at <see cref="Fit"/> with <see cref="RejectionSampler"/>, and keeps the correct,
/// readable ones. The fitted <see cref="RejectionSampleTransformer"/> holds the rows; its output view is the SFT data
/// (<c>Prompt</c>, <c>Response</c> and provenance columns), ready for <c>Sft(...)</c>.
/// </summary>
/// <remarks>
/// The sampling happens in <see cref="Fit"/>, once: it is the expensive part, and an estimator chain transforms the fit input right
/// after fitting, so the transformer hands out the rows it already has instead of sampling again.
/// </remarks>
public sealed partial class RejectionSampleEstimator : IEstimator<RejectionSampleTransformer>
{
    private readonly Options _options;
    private readonly ReasoningEnvironment? _environment;
    private readonly int? _seed;

    /// <summary>Creates the estimator (the options are validated now; the teacher and rewards are resolved at <see cref="Fit"/>).</summary>
    public RejectionSampleEstimator(Options options) : this(options, null)
    {
    }

    /// <summary>The estimator of a catalog: seed and log come from the <c>MLContext</c> where the options leave them unset.</summary>
    internal RejectionSampleEstimator(Options options, ReasoningEnvironment? environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _environment = environment;
        _seed = environment?.Seed;
    }

    /// <summary>Checks the columns, reads the prompts and samples them (the sampling happens here, once per fit).</summary>
    public RejectionSampleTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var columns = _options.Columns();
        columns.Resolve(input.Schema);
        var rewards = _options.ResolveRewards(nameof(RejectionSampleEstimator));
        var logger = ReasoningEnvironment.Logger<RejectionSampler>(_environment, _options.ResolveLoggerFactory());
        var options = SeededOptions.Of(_options.Sampler, _seed);
        var teacher = _options.Teacher is null ? _options.Policy.Resolve(input, nameof(RejectionSampleEstimator)) : null;
        var sampler = teacher is not null
            ? new RejectionSampler(teacher, rewards, options, _options.Prompt, logger)
            : new RejectionSampler(_options.Teacher!, rewards, options, logger);
        var transformer = new RejectionSampleTransformer(sampler, teacher, rewards.RewardNames, columns, _options.IncludeRejected,
            _options.CancellationToken);
        transformer.Sample(input);
        return transformer;
    }

    /// <summary>Checks the prompt and reference columns; the output has the SFT columns (see <see cref="RejectionSampleTransformer"/>).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        _options.Columns().Check(inputSchema);
        return SchemaShapes.FromSchema(RejectionSampleView.Schema(_options.ResolveRewards(nameof(RejectionSampleEstimator)).RewardNames));
    }
}
