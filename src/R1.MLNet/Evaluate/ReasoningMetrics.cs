namespace R1.MLNet.Evaluate;

/// <summary>The result of <c>mlContext.Reasoning().Evaluate(...)</c>.</summary>
public sealed class ReasoningMetrics
{
    /// <summary>Builds the aggregate metrics from per-question results.</summary>
    public ReasoningMetrics(IReadOnlyList<QuestionResult> questions, int samplesPerQuestion)
    {
        ArgumentNullException.ThrowIfNull(questions);
        Questions = questions;
        SamplesPerQuestion = samplesPerQuestion;
        PassAt1 = PassMetrics.Mean(questions.Select(q => q.PassAt1).ToArray());
        ConsAtK = PassMetrics.Mean(questions.Select(q => q.MajorityCorrect ? 1.0 : 0.0).ToArray());
        AnswerRate = questions.Count == 0 ? 0.0 : questions.Average(q => q.Answers.Count(a => a != null) / (double)q.Answers.Count);
    }

    /// <summary>pass@1: mean over questions of the fraction of correct samples.</summary>
    public double PassAt1 { get; }

    /// <summary>
    /// pass@<paramref name="k"/> for <paramref name="k"/> ≤ <see cref="SamplesPerQuestion"/>: the mean over questions of the unbiased
    /// estimator of the chance that at least one of k samples is correct (<see cref="PassMetrics.PassAtK"/>).
    /// </summary>
    public double PassAtK(int k) =>
        PassMetrics.Mean(Questions.Select(q => PassMetrics.PassAtK(q.Correct.Count, q.Correct.Count(c => c), k)).ToArray());

    /// <summary>cons@k: the fraction of questions whose majority-voted answer is correct.</summary>
    public double ConsAtK { get; }

    /// <summary>k, the samples per question.</summary>
    public int SamplesPerQuestion { get; }

    /// <summary>The fraction of samples from which an answer could be extracted.</summary>
    public double AnswerRate { get; }

    /// <summary>Per-question details.</summary>
    public IReadOnlyList<QuestionResult> Questions { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"pass@1 {PassAt1:0.###}, cons@{SamplesPerQuestion} {ConsAtK:0.###} over {Questions.Count} questions (answers extracted: {AnswerRate:P0})";
}
