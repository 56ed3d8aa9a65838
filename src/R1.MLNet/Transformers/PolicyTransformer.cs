using Microsoft.ML;
using Microsoft.ML.Data;
using R1.Rollout;

namespace R1.MLNet.Transformers;

/// <summary>
/// A policy as a pipeline step, and the base of the training steps' fitted transformers (<see cref="SftTransformer"/>, <see cref="GrpoTransformer"/>): it owns the trained
/// <see cref="Policy"/>. <see cref="Transform"/> passes the rows through unchanged and attaches the policy, so the next
/// estimator of a chain can start from it (<see cref="Catalog.PolicySource.PreviousStep"/>). Append
/// <c>mlContext.Reasoning().Reason()</c> to generate completions.
/// </summary>
public class PolicyTransformer : ITransformer, IPolicyCarrier
{
    /// <summary>Wraps a trained policy (a loaded model, or the base of the training steps' transformers).</summary>
    public PolicyTransformer(Policy policy) => Policy = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <inheritdoc />
    public Policy Policy { get; }

    /// <summary>Always <see langword="false"/>: rows are passed through as a data view, not mapped one by one.</summary>
    public bool IsRowToRowMapper => false;

    /// <summary>The input schema, unchanged.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) =>
        inputSchema ?? throw new ArgumentNullException(nameof(inputSchema));

    /// <summary>Passes <paramref name="input"/> through, carrying <see cref="Policy"/>.</summary>
    public IDataView Transform(IDataView input) => new PolicyDataView(input, Policy);

    /// <summary>Not supported: a training step has no row mapper.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException($"{GetType().Name} is not a row-to-row mapper; append Reason() to generate completions.");

    void ICanSaveModel.Save(ModelSaveContext ctx) => throw Persistence.ReasoningModel.NotSavableByMLNet(GetType());
}
