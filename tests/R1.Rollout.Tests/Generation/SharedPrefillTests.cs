using R1.Rollout.Generation;
using R1.Rollout.Tests.Models;

namespace R1.Rollout.Tests.Generation;

/// <summary>Group rollouts prefill each distinct prompt once and copy its KV cache rows; results must not change.</summary>
[TestFixture]
public class SharedPrefillTests
{
    [Test]
    public void Group_rollouts_with_shared_prefill_equal_full_recomputation()
    {
        using var policy = FixturePolicy.Tiny(seed: 31);
        IReadOnlyList<int>[] prompts = [[3, 20, 21, 22, 23], [3, 30, 31]];
        var options = new SamplingOptions { Seed = 5, MaxNewTokens = 16, Temperature = 0.8, TopK = 30, EosIds = [] };
        var groups = policy.GenerateGroups(prompts, 4, options);

        var noCache = options.Clone(); noCache.UseKvCache = false;
        var flat = prompts.SelectMany(p => Enumerable.Repeat(p, 4)).ToList();
        var reference = policy.Generate(flat, noCache);

        var shared = groups.SelectMany(g => g).ToList();
        for (int i = 0; i < flat.Count; i++)
        {
            shared[i].CompletionIds.Should().Equal(reference[i].CompletionIds, $"row {i}");
            shared[i].LogProbs.Zip(reference[i].LogProbs).Should().OnlyContain(p => Math.Abs(p.First - p.Second) < 1e-4, $"row {i}");
        }
        groups[0].Select(r => string.Join(",", r.CompletionIds)).Distinct().Count()
            .Should().BeGreaterThan(1, "copies of one prompt still sample independently");
    }
}
