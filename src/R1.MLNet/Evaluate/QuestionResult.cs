namespace R1.MLNet.Evaluate;

/// <summary>The evaluation of one question.</summary>
/// <param name="Prompt">The question.</param>
/// <param name="Gold">The gold answer, when the data has one.</param>
/// <param name="Answers">The answer extracted from each sample (<see langword="null"/> when none).</param>
/// <param name="Correct">Whether each sample is correct (its answer matches the gold answer, or the correctness reward accepted it).</param>
/// <param name="MajorityAnswer">The majority-voted answer, or <see langword="null"/> when no sample had one.</param>
/// <param name="MajorityCorrect">Whether the sample carrying the majority-voted answer is correct (cons@k for this question).</param>
/// <param name="Completions">The sampled completions when <see cref="EvaluationOptions.KeepCompletions"/> is set, else empty.</param>
public sealed record QuestionResult(
    string Prompt, string? Gold, IReadOnlyList<string?> Answers, IReadOnlyList<bool> Correct,
    string? MajorityAnswer, bool MajorityCorrect, IReadOnlyList<string> Completions)
{
    /// <summary>pass@1 for this question: the fraction of correct samples.</summary>
    public double PassAt1 => PassMetrics.PassAt1(Correct);
}
