namespace R1.Rewards.Math;

/// <summary>The final answer found in a completion by <see cref="AnswerExtractor"/>.</summary>
/// <param name="Answer">The answer text, as written (not yet normalised).</param>
/// <param name="Source">Where it was found.</param>
/// <param name="BoxedAnswers">Every distinct boxed answer in the completion (after normalisation), in order; empty when none.</param>
/// <param name="HasConflictingBoxes">Whether the completion boxes several answers that are not equivalent to each other.</param>
public sealed record ExtractedAnswer(string Answer, AnswerSource Source, IReadOnlyList<string> BoxedAnswers, bool HasConflictingBoxes)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source} '{Answer}'"
        + (HasConflictingBoxes ? $" (conflicting boxes: {string.Join(" | ", BoxedAnswers)})" : "");
}
