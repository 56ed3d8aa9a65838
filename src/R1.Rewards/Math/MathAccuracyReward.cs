using Microsoft.Extensions.Options;
using R1.Rewards.Abstractions;
using R1.Rewards.Format;

namespace R1.Rewards.Math;

/// <summary>
/// The math accuracy reward (name <c>math</c>): 1 when the math answer found in the completion's final answer
/// (<see cref="ReasoningCompletion.FinalAnswer"/>, searched by <see cref="AnswerExtractor"/>; nothing inside the think block
/// counts and an unfinished reasoning scores 0) is equivalent to <see cref="RewardSample.Answer"/> (see <see cref="MathVerifier"/>), else 0; "not
/// applicable" when the
/// sample has no gold answer. Several different boxed answers score 0. The diagnostic says what was extracted and why it
/// matched or not.
/// </summary>
public sealed class MathAccuracyReward : RewardBase
{
    private readonly MathAccuracyOptions _options;

    /// <summary>Creates the reward with <paramref name="options"/> (defaults when <see langword="null"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public MathAccuracyReward(MathAccuracyOptions? options = null)
    {
        _options = options ?? new MathAccuracyOptions();
        _options.Validate();
    }

    /// <summary>Creates the reward from dependency-injected options.</summary>
    public MathAccuracyReward(IOptions<MathAccuracyOptions> options) : this((options ?? throw new ArgumentNullException(nameof(options))).Value) { }

    /// <inheritdoc />
    public override string Name => "math";

    /// <inheritdoc />
    protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Score(sample, cancellationToken));

    /// <summary>Scores one sample synchronously.</summary>
    public RewardScore Score(RewardSample sample, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Answer is null) return RewardScore.NotApplicable("no gold answer");
        var completion = sample.Completion ?? "";
        if (completion.Length > _options.MaxCompletionLength)
            return RewardScore.Of(0, $"completion of {completion.Length} chars exceeds MaxCompletionLength {_options.MaxCompletionLength}");
        var parsed = ReasoningCompletion.Parse(completion, ReasoningCompletion.PromptOpensThink(sample.Prompt));
        if (!parsed.IsReasoningFinished) return RewardScore.Of(0, "no final answer: the reasoning did not finish (no </think>)");
        if (AnswerExtractor.Extract(parsed, _options) is not { } extracted)
            return RewardScore.Of(0, "no final answer found (no \\boxed{}, <answer>, 'The answer is' or ####)");
        if (extracted.HasConflictingBoxes && _options.RejectConflictingBoxes)
            return RewardScore.Of(0, $"several different boxed answers: {string.Join(" | ", extracted.BoxedAnswers.Select(Shorten))}");
        var gold = GoldAnswer(sample.Answer);
        var result = MathVerifier.AreEquivalent(extracted.Answer, gold, _options, cancellationToken);
        var summary = $"{extracted.Source} '{Shorten(extracted.Answer)}' vs gold '{Shorten(gold)}': {result.Diagnostic}";
        return RewardScore.Of(result.IsEquivalent ? 1.0 : 0.0, summary);
    }

    // A gold field that holds a whole solution (GSM8K's "... #### 18", a MATH solution with \boxed{}) yields its final answer.
    private string GoldAnswer(string answer) =>
        (answer.Contains("####", StringComparison.Ordinal) || answer.Contains("\\boxed", StringComparison.Ordinal))
            && AnswerExtractor.Extract(answer, _options) is { } final
            ? final.Answer
            : answer;

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
