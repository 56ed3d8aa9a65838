using Microsoft.ML;
using Microsoft.ML.Data;
using R1.MLNet.DataView;
using R1.MLNet.Training;
using R1.Rollout;

namespace R1.MLNet.RejectionSample;

/// <summary>
/// The fitted result of <c>RejectionSample(...)</c>. <see cref="Transform"/> returns the SFT rows: <c>Prompt</c>, <c>Response</c>
/// (the target for a student with the teacher's prompt format), <c>Completion</c> (self-contained, for a student with another
/// format), <c>TaskType</c>, <c>PromptIndex</c>, <c>SampleIndex</c> (int), <c>Total</c> (double), <c>Scores</c> (a vector of doubles,
/// one slot per reward named by its slot names, NaN where the reward did not apply or is missing), <c>Kept</c> (bool),
/// <c>DropReason</c> and <c>DropDetail</c> (text, empty when kept). Kept rows only unless <c>IncludeRejected</c>. When the teacher is
/// a policy the view carries it (<see cref="IPolicyCarrier"/>), so a following step can start from it with
/// <see cref="PolicySource.PreviousStep"/>.
/// </summary>
public sealed class RejectionSampleTransformer : ITransformer
{
    private readonly RejectionSampler _sampler;
    private readonly IReadOnlyList<string> _rewards;
    private readonly ReferenceColumns _columns;
    private readonly bool _includeRejected;
    private readonly CancellationToken _cancellation;
    private IDataView? _sampledInput;
    private RejectionSamplingResult? _result;

    internal RejectionSampleTransformer(RejectionSampler sampler, Policy? teacher, IReadOnlyList<string> rewards, ReferenceColumns columns,
        bool includeRejected, CancellationToken cancellation)
    {
        _sampler = sampler;
        Teacher = teacher;
        _rewards = rewards;
        _columns = columns;
        _includeRejected = includeRejected;
        _cancellation = cancellation;
    }

    /// <summary>The teacher policy, or null when the teacher is a chat client.</summary>
    public Policy? Teacher { get; }

    /// <summary>The most recent sampling run: the one of <c>Fit</c>, or of the last <see cref="Transform"/> over another input.</summary>
    public RejectionSamplingResult Result => _result ?? throw new InvalidOperationException("RejectionSampleTransformer has not sampled yet.");

    /// <summary>The summary of <see cref="Result"/>.</summary>
    public RejectionSamplingSummary Summary => Result.Summary;

    /// <summary>False: the output rows are samples, not a row-to-row mapping of the input.</summary>
    public bool IsRowToRowMapper => false;

    /// <summary>The output schema (the SFT columns); checks that <paramref name="inputSchema"/> has the prompt and reference columns.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        _columns.Resolve(inputSchema);
        return RejectionSampleView.Schema(_rewards);
    }

    /// <summary>
    /// The sampled rows of the fitted input when <paramref name="input"/> is that view; otherwise samples <paramref name="input"/>
    /// now with the same teacher and settings (and <see cref="Result"/> becomes that run).
    /// </summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ReferenceEquals(input, _sampledInput)) Sample(input);
        return RejectionSampleView.Create(Result.Rows, _rewards, _includeRejected, Teacher);
    }

    /// <summary>Not supported (<see cref="IsRowToRowMapper"/> is false).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException("RejectionSample produces new rows (samples); it is not a row-to-row mapper.");

    void ICanSaveModel.Save(ModelSaveContext ctx) => throw Persistence.ReasoningModel.NotSavableByMLNet(GetType());

    /// <summary>Reads <paramref name="input"/>'s prompts and samples them.</summary>
    internal void Sample(IDataView input)
    {
        var examples = _columns.ReadExamples(input, nameof(RejectionSampleTransformer), _cancellation);
        if (examples.Count == 0) throw new InvalidOperationException("RejectionSample: the input has no prompts to sample.");
        _result = _sampler.Run(examples, _cancellation);
        _sampledInput = input;
    }
}
