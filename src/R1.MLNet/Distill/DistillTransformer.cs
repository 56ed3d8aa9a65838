using R1.MLNet.Training;
using R1.Rollout;

namespace R1.MLNet.Distill;

/// <summary>The fitted result of <c>Distill(...)</c>: the student policy, the teacher's sampling run and the student's SFT run.</summary>
public sealed class DistillTransformer : PolicyTransformer
{
    internal DistillTransformer(Policy student, RejectionSamplingResult sampling, SftResult training) : base(student)
    {
        Sampling = sampling;
        Training = training;
    }

    /// <summary>The teacher's rejection-sampling run (every row, kept and dropped).</summary>
    public RejectionSamplingResult Sampling { get; }

    /// <summary>The summary of <see cref="Sampling"/>.</summary>
    public RejectionSamplingSummary Summary => Sampling.Summary;

    /// <summary>The student's SFT run.</summary>
    public SftResult Training { get; }
}
