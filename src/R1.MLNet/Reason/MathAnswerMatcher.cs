using R1.Rewards.Format;
using R1.Rewards.Math;


namespace R1.MLNet.Reason;

/// <summary>
/// The default <see cref="IAnswerMatcher"/>, shared with the math accuracy reward: answers are found by
/// <see cref="AnswerExtractor"/> inside <see cref="ReasoningCompletion.FinalAnswer"/> (last <c>\boxed{}</c>, then
/// <c>&lt;answer&gt;</c>, then "the answer is" / <c>####</c>), falling back to the whole final answer; they are compared with
/// <see cref="MathVerifier"/> (so <c>1/2</c> equals <c>0.5</c>).
/// </summary>
public sealed class MathAnswerMatcher : IAnswerMatcher
{
    /// <summary>The shared instance.</summary>
    public static MathAnswerMatcher Instance { get; } = new();

    /// <inheritdoc />
    public string? Extract(string completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var parsed = ReasoningCompletion.Parse(completion);
        if (AnswerExtractor.Extract(parsed) is { } found) return found.Answer;
        return string.IsNullOrEmpty(parsed.FinalAnswer) ? null : parsed.FinalAnswer;
    }

    /// <inheritdoc />
    public bool AreEquivalent(string answer, string reference)
    {
        try
        {
            return MathVerifier.AreEquivalent(answer, reference).IsEquivalent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return string.Equals(answer.Trim(), reference.Trim(), StringComparison.Ordinal);
        }
    }
}
