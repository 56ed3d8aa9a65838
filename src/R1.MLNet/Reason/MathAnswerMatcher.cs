using R1.Rewards.Math;

using R1.MLNet.Inference;

namespace R1.MLNet.Reason;

/// <summary>
/// The default <see cref="IAnswerMatcher"/>, shared with the math accuracy reward: answers are found by
/// <see cref="AnswerExtractor"/> (last <c>\boxed{}</c>, then <c>&lt;answer&gt;</c>, then "the answer is" / <c>####</c>), falling
/// back to the text after <c>&lt;/think&gt;</c>; they are compared with <see cref="MathVerifier"/> (so <c>1/2</c> equals <c>0.5</c>).
/// </summary>
public sealed class MathAnswerMatcher : IAnswerMatcher
{
    /// <summary>The shared instance.</summary>
    public static MathAnswerMatcher Instance { get; } = new();

    /// <inheritdoc />
    public string? Extract(string completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (AnswerExtractor.Extract(completion) is { } found) return found.Answer;
        string answer = ParsedCompletion.Parse(completion).Answer;
        return answer.Length == 0 ? null : answer;
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
