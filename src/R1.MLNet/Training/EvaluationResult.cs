namespace R1.MLNet.Training;

/// <summary>Held-out accuracy and the completions behind it.</summary>
/// <param name="Accuracy">Fraction of examples answered correctly.</param>
/// <param name="Samples">Each example with its completion and whether it was correct, in input order.</param>
public sealed record EvaluationResult(double Accuracy, IReadOnlyList<EvaluationSample> Samples)
{
    /// <summary>
    /// The accuracy per task type (<see cref="ReasoningExample.TaskType"/>), ordered by name; examples without a task type are left out,
    /// so the dictionary is empty when no example has one.
    /// </summary>
    public IReadOnlyDictionary<string, double> AccuracyByTaskType =>
        Samples.Where(s => s.Example.TaskType is not null).GroupBy(s => s.Example.TaskType!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(s => s.Correct) / (double)g.Count());
}

/// <summary>One evaluated example.</summary>
/// <param name="Example">The example.</param>
/// <param name="Completion">The model's completion text.</param>
/// <param name="Correct">Whether the accuracy reward scored it as correct.</param>
public sealed record EvaluationSample(ReasoningExample Example, string Completion, bool Correct);
