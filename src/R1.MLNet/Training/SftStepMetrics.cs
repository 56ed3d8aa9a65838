namespace R1.MLNet.Training;

/// <summary>Metrics of one supervised step.</summary>
/// <param name="Step">The step, 1-based.</param>
/// <param name="TotalSteps">Steps in the run.</param>
/// <param name="Loss">Mean negative log-likelihood per response token.</param>
/// <param name="LearningRate">The learning rate used.</param>
/// <param name="GradNorm">Gradient norm before clipping.</param>
/// <param name="Tokens">Response tokens in the step.</param>
/// <param name="Seconds">Wall time of the step.</param>
public sealed record SftStepMetrics(int Step, int TotalSteps, double Loss, double LearningRate, double GradNorm, int Tokens, double Seconds);

/// <summary>What an <see cref="SftTrainer.Train"/> run did.</summary>
/// <param name="History">Metrics of every step.</param>
/// <param name="Steps">Steps completed.</param>
/// <param name="FinalLoss">Mean loss over the last 10% of steps.</param>
/// <param name="Cancelled">Whether cancellation stopped the run early.</param>
public sealed record SftResult(IReadOnlyList<SftStepMetrics> History, int Steps, double FinalLoss, bool Cancelled);
