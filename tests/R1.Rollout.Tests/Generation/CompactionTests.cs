using R1.Rollout.Generation;
using R1.Rollout.Tests.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Generation;

/// <summary>Dropping finished rows from the device batch must not change any result.</summary>
[TestFixture]
public class CompactionTests
{
    private Policy _policy = null!;
    private static readonly IReadOnlyList<int>[] Prompts = [[3, 20, 21, 22], [3, 30, 31], [3, 40, 41, 42, 43], [3, 50], [3, 60, 61]];

    [OneTimeSetUp] public void SetUp() => _policy = FixturePolicy.Tiny(seed: 21);
    [OneTimeTearDown] public void TearDown() => _policy.Dispose();

    /// <summary>EOS ids that end at least two rows within 6 greedy tokens while another row runs to the budget.</summary>
    private int[] EarlyEos()
    {
        var free = _policy.Generate(Prompts, new SamplingOptions { Greedy = true, MaxNewTokens = 24, EosIds = [] });
        for (int keep = 0; keep < Prompts.Length; keep++)
        {
            var running = free[keep].CompletionIds.ToHashSet();
            var enders = Enumerable.Range(0, Prompts.Length).Where(r => r != keep)
                .Select(r => free[r].CompletionIds.Take(6).FirstOrDefault(id => !running.Contains(id), -1))
                .Where(id => id >= 0).Distinct().Take(2).ToArray();
            if (enders.Length == 2) return enders;
        }
        Assert.Fail("No suitable EOS ids for this seed.");
        return [];
    }

    [Test]
    public void Greedy_results_are_identical_with_and_without_compaction()
    {
        var eos = EarlyEos();
        var options = new SamplingOptions { Greedy = true, MaxNewTokens = 24, EosIds = eos, CheckInterval = 2 };
        var compacted = _policy.Generate(Prompts, options);
        var plainOptions = options.Clone(); plainOptions.CompactFinishedRows = false;
        var plain = _policy.Generate(Prompts, plainOptions);
        compacted.Select(r => r.FinishReason).Should().Contain(FinishReason.Stop);
        for (int i = 0; i < Prompts.Length; i++)
        {
            compacted[i].CompletionIds.Should().Equal(plain[i].CompletionIds, $"row {i}");
            compacted[i].LogProbs.Zip(plain[i].LogProbs).Should().OnlyContain(p => Math.Abs(p.First - p.Second) < 1e-5, $"row {i}");
            compacted[i].FinishReason.Should().Be(plain[i].FinishReason);
        }
    }

    [Test]
    public void Compaction_shrinks_the_device_batch_and_keeps_rows_in_order()
    {
        var eos = EarlyEos();
        var options = new SamplingOptions { Greedy = true, MaxNewTokens = 24, EosIds = eos };
        using var noGrad = no_grad();
        using var session = new DecodeSession(_policy.Model, Prompts, options, 24, _policy.Tokenizer.PadId, eos, CPU, _policy.Tokenizer.VocabSize);
        session.Prefill();
        for (int i = 0; i < 8; i++) session.Step();
        var before = session.Download();
        session.Compact();
        session.ActiveRows.Should().BeLessThan(Prompts.Length, "some rows produced the EOS id within 6 tokens");
        session.Download().Ids.Should().Equal(before.Ids);
        session.Download().LogProbs.Should().Equal(before.LogProbs);
        while (session.Generated < 24) session.Step();
        var (ids, _) = session.Download();
        var reference = _policy.Generate(
            Prompts, new SamplingOptions { Greedy = true, MaxNewTokens = 24, EosIds = eos, CompactFinishedRows = false });
        for (int b = 0; b < Prompts.Length; b++)
            ids.Skip(b * 24).Take(reference[b].CompletionIds.Count).Select(i => (int)i).Should().Equal(reference[b].CompletionIds);
    }
}
