using static TorchSharp.torch;

namespace R1.Rollout.Generation;

/// <summary>One set of sampling settings and one random generator for the whole batch (what <c>Generate</c> uses).</summary>
internal sealed class SharedTokenSampler(SamplingOptions options, Device device) : ITokenSampler
{
    private readonly Generator _generator = new((ulong)(options.Seed ?? Random.Shared.NextInt64()), device);

    public (Tensor Ids, Tensor LogProbs) Sample(Tensor logits, IReadOnlyList<int> rows) => LogitsSampler.Sample(logits, options, _generator);

    public void Dispose() => _generator.Dispose();
}
