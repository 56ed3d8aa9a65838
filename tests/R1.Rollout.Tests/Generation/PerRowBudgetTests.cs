using R1.Rollout.Generation;
using R1.Rollout.Tests.Models;

namespace R1.Rollout.Tests.Generation;

[TestFixture]
public class PerRowBudgetTests
{
    private static SamplingOptions Sampling(int max, bool cache = true) =>
        new() { Seed = 5, MaxNewTokens = max, Temperature = 1.0, EosIds = [], UseKvCache = cache };

    [TestCase(true)]
    [TestCase(false)]
    public void A_long_prompt_shortens_only_its_own_row(bool kvCache)
    {
        using var policy = FixturePolicy.Tiny(maxPositions: 32);
        IReadOnlyList<int> longPrompt = Enumerable.Repeat(10, 28).ToList(), shortPrompt = [3, 11, 12];
        var results = policy.Generate([longPrompt, shortPrompt, shortPrompt], Sampling(20, kvCache));
        results[0].CompletionIds.Should().HaveCount(4, "32 − 28 positions are left for the long prompt");
        results[1].CompletionIds.Should().HaveCount(20, "the short prompts keep their whole budget");
        results[2].CompletionIds.Should().HaveCount(20);
        results.Should().OnlyContain(r => r.FinishReason == FinishReason.Length);
        results.Should().OnlyContain(r => r.LogProbs.Count == r.CompletionIds.Count && r.LogProbs.All(float.IsFinite));

        // The rows that finished at different lengths score like any other completions (padded width 28 + 20 > 32).
        var scored = policy.ScoreCompletions([longPrompt, shortPrompt], [results[0].CompletionIds, results[1].CompletionIds]);
        scored.Should().NotBeNull();
    }

    [Test]
    public void A_prompt_that_fills_the_context_is_named()
    {
        using var policy = FixturePolicy.Tiny(maxPositions: 32);
        FluentActions.Invoking(() => policy.Generate([[3, 4], Enumerable.Repeat(10, 32).ToList()], Sampling(4)))
            .Should().Throw<ArgumentException>().WithMessage("Prompt 1 has 32 tokens*");
    }

    [Test]
    public void Equal_length_prompts_generate_exactly_as_before()
    {
        // Equal budgets take the unchanged path: a budget cut by the context is the same as asking for exactly that much.
        using var policy = FixturePolicy.Tiny(maxPositions: 64);
        IReadOnlyList<int>[] prompts = [[3, 20, 21, 22], [3, 30, 31, 32]];
        var capped = policy.Generate(prompts, Sampling(100));                         // every row: min(100, 64 − 4) = 60
        var plain = policy.Generate(prompts, Sampling(60));
        for (int i = 0; i < prompts.Length; i++)
        {
            capped[i].CompletionIds.Should().HaveCount(60).And.Equal(plain[i].CompletionIds);
            capped[i].LogProbs.Should().Equal(plain[i].LogProbs);
        }
    }
}
