namespace R1.MLNet.Training;

/// <summary>Where a <see cref="RejectionSampler"/> run stands after a batch.</summary>
/// <param name="Batch">Batches done (1-based, resumed ones included).</param>
/// <param name="Batches">Batches in the run.</param>
/// <param name="Prompts">Prompts done so far (resumed ones included).</param>
/// <param name="Samples">Samples (rows) so far.</param>
/// <param name="Kept">Samples kept so far.</param>
/// <param name="Seconds">Seconds spent sampling in this run.</param>
public sealed record RejectionSamplingProgress(int Batch, int Batches, int Prompts, int Samples, int Kept, double Seconds);
