namespace R1.MLNet.Training;

/// <summary>Held-out accuracy and the completions behind it.</summary>
/// <param name="Accuracy">Fraction of examples answered correctly.</param>
/// <param name="Samples">Each example with its completion and whether it was correct, in input order.</param>
public sealed record EvaluationResult(double Accuracy, IReadOnlyList<EvaluationSample> Samples);

/// <summary>One evaluated example.</summary>
/// <param name="Example">The example.</param>
/// <param name="Completion">The model's completion text.</param>
/// <param name="Correct">Whether the accuracy reward scored it as correct.</param>
public sealed record EvaluationSample(ReasoningExample Example, string Completion, bool Correct);
