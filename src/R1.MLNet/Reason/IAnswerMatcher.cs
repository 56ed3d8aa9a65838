namespace R1.MLNet.Reason;

/// <summary>
/// Extracts a comparable final answer from a completion and decides whether two answers are the same.
/// Used by majority voting (cons@k) and by evaluation against gold answers.
/// </summary>
public interface IAnswerMatcher
{
    /// <summary>The final answer of <paramref name="completion"/>, or <see langword="null"/> when it has none.</summary>
    string? Extract(string completion);

    /// <summary>Whether <paramref name="answer"/> and <paramref name="reference"/> denote the same answer.</summary>
    bool AreEquivalent(string answer, string reference);
}
