using Microsoft.ML;
using Microsoft.ML.Data;
using R1.MLNet.DataView;
using R1.MLNet.Training;
using R1.Rewards.Format;
using R1.Rollout;

namespace R1.MLNet.Reason;

/// <summary>
/// Generates a completion for each row's question and adds three text columns: the completion, the reasoning inside
/// <c>&lt;think&gt;</c> and the final answer, both as parsed by R1.Rewards' <see cref="ReasoningCompletion"/> (the answer the
/// rewards grade; empty when the reasoning did not finish), names in <see cref="ReasonOptions"/>. Columns are computed lazily: a cursor that
/// does not ask for them never runs the model. With <see cref="ReasonOptions.Samples"/> = k &gt; 1, k completions are
/// sampled and the outputs are those of the first completion carrying the majority-voted answer.
/// Save with <see cref="Persistence.ReasoningModel.Save"/>.
/// </summary>
public sealed class ReasonTransformer : ITransformer, IPolicyCarrier
{
    private readonly ReasonOptions _options;
    private readonly CompletionSampler _sampler;

    /// <summary>Creates the transformer over <paramref name="policy"/> (not copied; <see cref="ReasonOptions.Policy"/> is ignored).</summary>
    public ReasonTransformer(Policy policy, ReasonOptions? options = null)
    {
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _options = (options ?? new ReasonOptions()).Clone();
        _options.Validate();
        _sampler = new CompletionSampler(policy, _options.Prompt);
    }

    /// <inheritdoc />
    public Policy Policy { get; }

    /// <summary>A copy of the options in use (changing it does not change the transformer).</summary>
    public ReasonOptions Options => _options.Clone();

    internal ReasonOptions Settings => _options;

    /// <summary>The generated column names, in schema order.</summary>
    public IReadOnlyList<string> OutputColumnNames => [_options.CompletionColumnName, _options.ReasoningColumnName, _options.AnswerColumnName];

    /// <summary>Always <see langword="true"/>: <c>mlContext.Model.CreatePredictionEngine</c> answers one question at a time.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema plus the three generated text columns; checks the prompt column.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        TextColumn.Require(inputSchema, _options.PromptColumnName, "prompt");
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var name in OutputColumnNames) builder.AddColumn(name, TextDataViewType.Instance);
        return builder.ToSchema();
    }

    /// <summary>Adds the generated columns to <paramref name="input"/> (lazily).</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ReasonDataView(this, input, GetOutputSchema(input.Schema));
    }

    /// <summary>A row-by-row mapper (one question per generate call; <see cref="Transform"/> batches rows).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new ReasonRowMapper(this, inputSchema);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => throw Persistence.ReasoningModel.NotSavableByMLNet(GetType());

    /// <summary>
    /// Answers one question, sampled with seed <c>Sampling.Seed + <paramref name="row"/></c> (as the first row of a batch with that id).
    /// </summary>
    public ReasonOutput Generate(string question, long row = 0)
    {
        ArgumentNullException.ThrowIfNull(question);
        return GenerateBatch([question], row)[0];
    }

    /// <summary>Answers several questions in one batched generate call seeded with <c>Sampling.Seed + <paramref name="firstRow"/></c>.</summary>
    public IReadOnlyList<ReasonOutput> GenerateBatch(IReadOnlyList<string> questions, long firstRow = 0)
    {
        ArgumentNullException.ThrowIfNull(questions);
        if (questions.Count == 0) return [];
        var sampling = _options.Sampling.Clone();
        sampling.Seed = (sampling.Seed ?? 0) + firstRow;
        var groups = _sampler.SampleGroups(questions, _options.Samples, sampling);
        return groups.Select(Choose).ToArray();
    }

    private ReasonOutput Choose(IReadOnlyList<SampledCompletion> completions)
    {
        var answers = completions.Select(c => _options.AnswerMatcher.Extract(c.ForMatching)).ToArray();
        int winner = _options.Samples == 1 ? 0 : Math.Max(0, MajorityVote.Winner(answers, _options.AnswerMatcher));
        var chosen = completions[winner];
        var parsed = ReasoningCompletion.Parse(chosen.Text, chosen.PromptOpensThink);
        return new ReasonOutput(chosen.Text, parsed.Reasoning ?? "", parsed.FinalAnswer ?? "", completions.Select(c => c.Text).ToArray());
    }
}
