using Microsoft.ML;
using R1.MLNet.Training;
using R1.Rollout;

namespace R1.MLNet.RejectionSample;

/// <summary>
/// The estimator of <c>mlContext.Reasoning().RejectionSample(...)</c>: reads the prompt and reference columns (only those),
/// samples k completions per prompt from the teacher at <see cref="Fit"/> with <see cref="RejectionSampler"/>, and keeps the correct,
/// readable ones. The fitted <see cref="RejectionSampleTransformer"/> holds the rows; its output view is the SFT data
/// (<c>Prompt</c>, <c>Response</c> and provenance columns), ready for <c>Sft(...)</c>.
/// </summary>
public sealed partial class RejectionSampleEstimator : IEstimator<RejectionSampleTransformer>
{
    /// <summary>Creates the estimator (the options are validated now; the teacher and rewards are resolved at <see cref="Fit"/>).</summary>
    public RejectionSampleEstimator(Options options) => throw new NotImplementedException();

    /// <summary>Checks the columns, reads the prompts and samples them (the sampling happens here, once per fit).</summary>
    public RejectionSampleTransformer Fit(IDataView input) => throw new NotImplementedException();

    /// <summary>Checks the prompt and reference columns; the output has the SFT columns (see <see cref="RejectionSampleTransformer"/>).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => throw new NotImplementedException();
}
