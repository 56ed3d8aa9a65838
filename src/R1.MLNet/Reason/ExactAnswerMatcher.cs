using R1.Rewards.Format;

namespace R1.MLNet.Reason;

/// <summary>
/// The plain <see cref="IAnswerMatcher"/>: the answer is <see cref="ReasoningCompletion.FinalAnswer"/> (inside the last
/// <c>&lt;answer&gt;</c> or after <c>&lt;/think&gt;</c>), compared as exact strings after trimming.
/// </summary>
public sealed class ExactAnswerMatcher : IAnswerMatcher
{
    /// <summary>The shared instance.</summary>
    public static ExactAnswerMatcher Instance { get; } = new();

    /// <inheritdoc />
    public string? Extract(string completion)
    {
        string? answer = ReasoningCompletion.Parse(completion).FinalAnswer;
        return string.IsNullOrEmpty(answer) ? null : answer;
    }

    /// <inheritdoc />
    public bool AreEquivalent(string answer, string reference) =>
        string.Equals(answer.Trim(), reference.Trim(), StringComparison.Ordinal);
}
