using R1.Rollout.Generation;
using R1.Rollout.Tests.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Generation;

[TestFixture]
public class LogitsSamplerTests
{
    private static readonly float[] Probs = [0.5f, 0.3f, 0.15f, 0.05f];

    private static bool[] Kept(SamplingOptions options)
    {
        using var scope = NewDisposeScope();
        var logits = tensor(Probs).log().unsqueeze(0);
        return LogitsSampler.Process(logits, options).isfinite().squeeze(0).data<bool>().ToArray();
    }

    [TestCase(0.45, new[] { true, false, false, false })]
    [TestCase(0.7, new[] { true, true, false, false })]
    [TestCase(0.85, new[] { true, true, true, false })]
    [TestCase(1.0, new[] { true, true, true, true })]
    public void Top_p_keeps_the_smallest_set_reaching_the_mass(double topP, bool[] expected) =>
        Kept(new SamplingOptions { TopP = topP }).Should().Equal(expected);

    [Test]
    public void Top_k_and_min_p_drop_the_tail()
    {
        Kept(new SamplingOptions { TopK = 3 }).Should().Equal(true, true, true, false);
        Kept(new SamplingOptions { MinP = 0.2 }).Should().Equal(true, true, true, false);   // floor 0.1
        Kept(new SamplingOptions { MinP = 0.5 }).Should().Equal(true, true, false, false);  // floor 0.25
    }

    [Test]
    public void Temperature_scales_the_distribution()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(Probs).log().unsqueeze(0);
        var sharp = LogitsSampler.Process(logits, new SamplingOptions { Temperature = 0.5 }).softmax(-1)[0].data<float>().ToArray();
        var expected = Probs.Select(p => p * p).ToArray();
        float z = expected.Sum();
        sharp.Should().Equal(expected.Select(p => p / z), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Test]
    public void Sampling_frequencies_follow_the_processed_distribution()
    {
        using var scope = NewDisposeScope();
        using var gen = new TorchSharp.torch.Generator(7, CPU);
        var logits = tensor(Probs).log().unsqueeze(0).expand(4000, 4);
        var (ids, logp) = LogitsSampler.Sample(logits, new SamplingOptions { TopP = 0.7 }, gen);
        var counts = ids.squeeze(1).bincount(null, 4).data<long>().ToArray();
        counts[2].Should().Be(0); counts[3].Should().Be(0);
        (counts[0] / 4000.0).Should().BeApproximately(0.5 / 0.8, 0.03);
        logp.squeeze(1).data<float>().Distinct().Select(v => Math.Round(v, 4))
            .Should().BeEquivalentTo([Math.Round(Math.Log(0.625), 4), Math.Round(Math.Log(0.375), 4)]);
    }
}

[TestFixture]
public class StreamingCancellationTests
{
    [Test]
    public async Task Cancelling_a_stream_stops_it()
    {
        using var policy = FixturePolicy.Tiny();
        using var cts = new CancellationTokenSource();
        var pieces = new List<string>();
        var act = async () =>
        {
            await foreach (var piece in policy.StreamAsync("1+1=", new SamplingOptions { Greedy = true, MaxNewTokens = 50, EosIds = [] }, cts.Token))
            {
                pieces.Add(piece);
                if (pieces.Count == 2) cts.Cancel();
            }
        };
        await act.Should().ThrowAsync<OperationCanceledException>();
        pieces.Should().HaveCount(2);
    }
}
