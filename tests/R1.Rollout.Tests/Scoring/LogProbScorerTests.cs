using R1.Rollout.Scoring;
using R1.Rollout.Tests.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Scoring;

[TestFixture]
public class LogProbScorerTests
{
    private Policy _policy = null!;
    private static readonly IReadOnlyList<int>[] Prompts = [[3, 20, 21, 22, 23], [3, 30], [3, 40, 41]];
    private static readonly IReadOnlyList<int>[] Completions = [[50, 51, 52], [60, 61, 62, 63, 64], [70]];

    [OneTimeSetUp] public void SetUp() => _policy = FixturePolicy.Tiny(seed: 2);
    [OneTimeTearDown] public void TearDown() => _policy.Dispose();

    [Test]
    public void Batched_scores_equal_a_naive_token_by_token_loop()
    {
        using var scored = _policy.ScoreCompletions(Prompts, Completions, temperature: 0.7);
        scored.LogProbs.shape.Should().Equal(3, 5);
        var batched = scored.LogProbs.data<float>().ToArray();
        var mask = scored.Mask.data<float>().ToArray();
        for (int b = 0; b < Prompts.Length; b++)
        {
            var seq = Prompts[b].ToList();
            for (int j = 0; j < 5; j++)
            {
                if (j >= Completions[b].Count) { mask[b * 5 + j].Should().Be(0); batched[b * 5 + j].Should().Be(0); continue; }
                mask[b * 5 + j].Should().Be(1);
                batched[b * 5 + j].Should().BeApproximately(NaiveLogProb(seq, Completions[b][j], 0.7), 1e-4f);
                seq.Add(Completions[b][j]);
            }
        }
    }

    [Test]
    public void A_scorer_over_the_model_and_tokenizer_equals_the_policy_bit_for_bit()
    {
        using var noGrad = no_grad();
        using var direct = new LogProbScorer(_policy.Model, _policy.Tokenizer).Score(Prompts, Completions, temperature: 0.7);
        using var throughPolicy = _policy.ScoreCompletions(Prompts, Completions, temperature: 0.7);
        direct.LogProbs.data<float>().ToArray().Should().Equal(throughPolicy.LogProbs.data<float>().ToArray());
        direct.Mask.data<float>().ToArray().Should().Equal(throughPolicy.Mask.data<float>().ToArray());
    }

    private float NaiveLogProb(List<int> prefix, int next, double temperature)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = _policy.Model.forward(tensor(prefix.Select(i => (long)i).ToArray()).unsqueeze(0), null, null, null);
        return (logits[0, -1] / temperature).log_softmax(-1)[next].item<float>();
    }

    [Test]
    public void Scores_are_differentiable_when_grad_is_enabled()
    {
        using var scored = _policy.ScoreCompletions(Prompts, Completions);
        scored.LogProbs.requires_grad.Should().BeTrue();
        using var loss = -(scored.LogProbs.sum());
        loss.backward();
        var grad = _policy.Model.EmbeddingWeight.grad;
        grad.Should().NotBeNull();
        grad!.abs().sum().item<float>().Should().BeGreaterThan(0);
        _policy.Model.zero_grad();
    }

    [Test]
    public void Batch_builder_shifts_and_pads_as_documented()
    {
        using var batch = ScoringBatch.Build(Prompts, Completions, padId: 0, CPU);
        batch.PromptWidth.Should().Be(5);
        batch.CompletionWidth.Should().Be(5);
        batch.InputIds[1].data<long>().ToArray().Should().Equal(0, 0, 0, 3, 30, 60, 61, 62, 63, 64);
        batch.AttentionMask[2].data<long>().ToArray().Should().Equal(0, 0, 1, 1, 1, 1, 0, 0, 0, 0);
        batch.PositionIds[2].data<long>().ToArray().Should().Equal(0, 0, 0, 1, 2, 3, 3, 3, 3, 3);
        batch.CompletionMask[0].data<float>().ToArray().Should().Equal(1, 1, 1, 0, 0);
    }

    [Test]
    public void Bad_batches_give_clear_errors()
    {
        var act1 = () => _policy.ScoreCompletions([], []);
        act1.Should().Throw<ArgumentException>().WithMessage("*batch is empty*");
        var act2 = () => _policy.ScoreCompletions(Prompts, Completions[..2]);
        act2.Should().Throw<ArgumentException>().WithMessage("*3 prompts but 2 completions*");
        var act3 = () => _policy.ScoreCompletions([Enumerable.Repeat(4, 250).ToArray()], [Enumerable.Repeat(4, 10).ToArray()]);
        act3.Should().Throw<ArgumentException>().WithMessage("*260 tokens*context is 256*");
        var act4 = () => _policy.ScoreCompletions(Prompts, [[1], [2], [5000]]);
        act4.Should().Throw<ArgumentException>().WithMessage("*Row 2 has token id 5000, outside the vocabulary*");
    }
}
