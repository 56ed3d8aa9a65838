using R1.Rollout.Generation;
using R1.Rollout.Tests.Models;

namespace R1.Rollout.Tests.Generation;

/// <summary><see cref="Policy.GenerateBatch"/>: independent requests in one decode batch, each with its own settings and seed.</summary>
[TestFixture]
public class GenerateBatchTests
{
    private Policy _policy = null!;
    private static readonly IReadOnlyList<int>[] Prompts = [[3, 20, 21, 22, 23, 24], [3, 30, 31], [3, 40, 41, 42, 43], [3, 50]];

    [OneTimeSetUp] public void SetUp() => _policy = FixturePolicy.Tiny(seed: 5);
    [OneTimeTearDown] public void TearDown() => _policy.Dispose();

    private static SamplingOptions Sampled(long seed, int max, double temperature = 0.9, double topP = 0.95) =>
        new() { Seed = seed, MaxNewTokens = max, Temperature = temperature, TopP = topP, TopK = 40 };

    [Test]
    public void A_rows_tokens_do_not_depend_on_the_other_rows_of_the_batch()
    {
        var target = new GenerationRequest(Prompts[0], Sampled(seed: 11, max: 20));
        var alone = _policy.GenerateBatch([target])[0];
        var others = new[]
        {
            new GenerationRequest(Prompts[1], Sampled(seed: 12, max: 5, temperature: 1.3)),
            new GenerationRequest(Prompts[2], new SamplingOptions { Greedy = true, MaxNewTokens = 30 }),
            new GenerationRequest(Prompts[3], Sampled(seed: 11, max: 9, topP: 0.5)),
        };
        var batched = _policy.GenerateBatch([others[0], target, others[1], others[2]]);
        var reversed = _policy.GenerateBatch([others[2], others[1], target]);
        foreach (var result in new[] { batched[1], reversed[2] })
        {
            result.CompletionIds.Should().Equal(alone.CompletionIds);
            result.LogProbs.Zip(alone.LogProbs).Should().OnlyContain(p => Math.Abs(p.First - p.Second) < 1e-4);
        }
        alone.CompletionIds.Should().NotBeEmpty();
        batched[0].CompletionIds.Count.Should().BeLessThanOrEqualTo(5, "each row keeps its own budget");
    }

    [Test]
    public void A_greedy_request_equals_Generate_and_seeds_change_sampled_rows()
    {
        var greedy = new SamplingOptions { Greedy = true, MaxNewTokens = 16 };
        var reference = _policy.Generate([Prompts[2]], greedy)[0];
        var batch = _policy.GenerateBatch(
        [
            new GenerationRequest(Prompts[2], greedy), new GenerationRequest(Prompts[0], Sampled(1, 16)),
            new GenerationRequest(Prompts[0], Sampled(2, 16)),
        ]);
        batch[0].CompletionIds.Should().Equal(reference.CompletionIds);
        batch[1].CompletionIds.Should().NotEqual(batch[2].CompletionIds, "the same prompt with two seeds samples two completions");
    }

    [Test]
    public void Rows_finish_independently_and_stream_their_own_text()
    {
        var order = new List<int>();
        var pieces = new[] { new List<string>(), new List<string>() };
        var requests = new[] { 24, 3 }.Select((max, i) => new GenerationRequest(Prompts[i], Sampled(seed: 3, max))
        {
            OnText = pieces[i].Add,
            OnCompleted = _ => order.Add(i),
        }).ToList();
        var results = _policy.GenerateBatch(requests);
        order.Should().Equal([1, 0], "the three-token request is handed back before the long one ends");
        for (int i = 0; i < 2; i++) string.Concat(pieces[i]).Should().Be(results[i].Text);
    }

    [Test]
    public void Model_log_probs_give_the_chosen_token_and_the_top_alternatives()
    {
        var request = new GenerationRequest(Prompts[1], new SamplingOptions { Greedy = true, MaxNewTokens = 8 }) { TopLogProbs = 3 };
        var result = _policy.GenerateBatch([request])[0];
        result.ModelLogProbs.Should().HaveCount(result.CompletionIds.Count);
        for (int j = 0; j < result.CompletionIds.Count; j++)
        {
            var step = result.ModelLogProbs![j];
            step.TopIds.Should().HaveCount(3);
            step.TopIds[0].Should().Be(result.CompletionIds[j], "greedy takes the most likely token");
            step.LogProb.Should().BeApproximately(step.TopLogProbs[0], 1e-6f);
            step.TopLogProbs.Should().BeInDescendingOrder();
            step.LogProb.Should().BeApproximately(result.LogProbs[j], 1e-5f, "greedy log-probs are those of the plain softmax");
        }
        _policy.GenerateBatch([new GenerationRequest(Prompts[1])])[0].ModelLogProbs.Should().BeNull("none were asked for");
    }

    [Test]
    public void A_cancelled_request_ends_early_without_stopping_the_batch()
    {
        using var cts = new CancellationTokenSource();
        int steps = 0;
        var cancelled = new GenerationRequest(Prompts[0], Sampled(4, 40))
        {
            OnText = _ => { if (++steps == 2) cts.Cancel(); }, CancellationToken = cts.Token,
        };
        var other = new GenerationRequest(Prompts[1], new SamplingOptions { Greedy = true, MaxNewTokens = 20 });
        var results = _policy.GenerateBatch([cancelled, other]);
        results[0].CompletionIds.Count.Should().BeLessThan(40);
        results[0].FinishReason.Should().Be(FinishReason.Length);
        results[1].CompletionIds.Should().Equal(_policy.GenerateBatch([other])[0].CompletionIds, "the other row runs on unchanged");
    }
}
