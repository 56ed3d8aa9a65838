using Microsoft.ML;
using R1.MLNet.Training;
using R1.Rollout;

namespace R1.MLNet.Distill;

/// <summary>
/// The estimator of <c>mlContext.Reasoning().Distill(...)</c> (DeepSeek-R1's distillation): rejection-samples the teacher (a policy or
/// a chat client) on the input prompts with <see cref="RejectionSampler"/>, then fine-tunes the student with <see cref="SftTrainer"/>
/// on the kept samples. Samples cross as text, so teacher and student may use different tokenizers. The fitted
/// <see cref="DistillTransformer"/> owns the student policy. Equivalent to <c>RejectionSample(...).Append(Sft(student))</c>.
/// </summary>
public sealed partial class DistillEstimator : IEstimator<DistillTransformer>, IPolicyEstimator
{
    /// <summary>Creates the estimator (the options are validated now; the policies are resolved at <see cref="Fit"/>).</summary>
    public DistillEstimator(Options options) => throw new NotImplementedException();

    /// <inheritdoc />
    public Policy? FittedPolicy => throw new NotImplementedException();

    /// <summary>Checks the columns, samples the teacher and trains the student.</summary>
    public DistillTransformer Fit(IDataView input) => throw new NotImplementedException();

    /// <summary>Checks the prompt and reference columns; the output shape is the input's (rows pass through).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => throw new NotImplementedException();
}
