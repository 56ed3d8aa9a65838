using Microsoft.ML;
using Microsoft.ML.Data;
using R1.Rollout;

using R1.MLNet.DataView;

namespace R1.MLNet;

/// <summary>
/// A policy as a pipeline step, and the base of the training steps' fitted transformers (<see cref="Sft.SftTransformer"/>,
/// <see cref="Grpo.GrpoTransformer"/>): it owns the trained
/// <see cref="Policy"/>. <see cref="Transform"/> passes the rows through unchanged and attaches the policy, so the next
/// estimator of a chain can start from it (<see cref="PolicySource.PreviousStep"/>). Append
/// <c>mlContext.Reasoning().Reason()</c> to generate completions.
/// </summary>
public class PolicyTransformer : ITransformer, IPolicyCarrier
{
    /// <summary>Wraps a trained policy (a loaded model, or the base of the training steps' transformers).</summary>
    public PolicyTransformer(Policy policy) => Policy = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <inheritdoc />
    public Policy Policy { get; }

    /// <summary>
    /// Always <see langword="true"/>: rows pass through unchanged (so chains ending in <c>Reason</c> can make a prediction engine).
    /// </summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema, unchanged.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) =>
        inputSchema ?? throw new ArgumentNullException(nameof(inputSchema));

    /// <summary>Passes <paramref name="input"/> through, carrying <see cref="Policy"/>.</summary>
    public IDataView Transform(IDataView input) => new PolicyDataView(input, Policy);

    /// <summary>A mapper that passes rows through unchanged.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        new PassThroughRowMapper(inputSchema ?? throw new ArgumentNullException(nameof(inputSchema)));

    void ICanSaveModel.Save(ModelSaveContext ctx) => throw Persistence.ReasoningModel.NotSavableByMLNet(GetType());
}
