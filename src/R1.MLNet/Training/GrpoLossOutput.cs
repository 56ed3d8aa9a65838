using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>The result of <see cref="GrpoLoss.Compute"/>: the scalar loss (with its graph) and detached statistics.</summary>
/// <param name="Loss">The scalar loss to minimise; the caller disposes it.</param>
/// <param name="Kl">Mean k3 KL to the reference over completion tokens (0 when β is 0).</param>
/// <param name="ClipFraction">Fraction of completion tokens whose ratio was clipped in the direction that removes the gradient.</param>
public sealed record GrpoLossOutput(Tensor Loss, double Kl, double ClipFraction);
