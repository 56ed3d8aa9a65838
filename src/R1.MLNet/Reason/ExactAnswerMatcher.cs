using R1.MLNet.Inference;

namespace R1.MLNet.Reason;

/// <summary>
/// The plain <see cref="IAnswerMatcher"/>: the answer is <see cref="ParsedCompletion.Answer"/> (inside
/// <c>&lt;answer&gt;</c> or after <c>&lt;/think&gt;</c>), compared as exact strings after trimming.
/// </summary>
public sealed class ExactAnswerMatcher : IAnswerMatcher
{
    /// <summary>The shared instance.</summary>
    public static ExactAnswerMatcher Instance { get; } = new();

    /// <inheritdoc />
    public string? Extract(string completion)
    {
        string answer = ParsedCompletion.Parse(completion).Answer;
        return answer.Length == 0 ? null : answer;
    }

    /// <inheritdoc />
    public bool AreEquivalent(string answer, string reference) =>
        string.Equals(answer.Trim(), reference.Trim(), StringComparison.Ordinal);
}
