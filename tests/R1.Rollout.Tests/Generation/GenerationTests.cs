using R1.Rollout.Generation;
using R1.Rollout.Tests.Models;

namespace R1.Rollout.Tests.Generation;

[TestFixture]
public class GenerationTests
{
    private Policy _policy = null!;
    private static readonly IReadOnlyList<int>[] Prompts = [[3, 20, 21, 22, 23, 24], [3, 30, 31], [3, 40, 41, 42, 43]];

    [OneTimeSetUp] public void SetUp() => _policy = FixturePolicy.Tiny();
    [OneTimeTearDown] public void TearDown() => _policy.Dispose();

    private static SamplingOptions Sampling(long seed, int max = 24) =>
        new() { Seed = seed, MaxNewTokens = max, Temperature = 0.9, TopK = 40, TopP = 0.95, MinP = 0.01, EosIds = [] };

    [Test]
    public void Same_seed_gives_identical_results_and_different_seeds_differ()
    {
        var a = _policy.Generate(Prompts, Sampling(7));
        var b = _policy.Generate(Prompts, Sampling(7));
        var c = _policy.Generate(Prompts, Sampling(8));
        for (int i = 0; i < Prompts.Length; i++)
        {
            a[i].CompletionIds.Should().Equal(b[i].CompletionIds);
            a[i].LogProbs.Should().Equal(b[i].LogProbs);
        }
        a.SelectMany(r => r.CompletionIds).Should().NotEqual(c.SelectMany(r => r.CompletionIds));
    }

    [Test]
    public void Kv_cached_generation_equals_full_recomputation()
    {
        var cached = _policy.Generate(Prompts, Sampling(11));
        var noCacheOptions = Sampling(11); noCacheOptions.UseKvCache = false;
        var full = _policy.Generate(Prompts, noCacheOptions);
        for (int i = 0; i < Prompts.Length; i++)
        {
            cached[i].CompletionIds.Should().Equal(full[i].CompletionIds);
            cached[i].LogProbs.Zip(full[i].LogProbs).Should().OnlyContain(p => Math.Abs(p.First - p.Second) < 1e-4);
        }
    }

    [Test]
    public void Log_probs_are_those_of_the_processed_sampling_distribution()
    {
        var options = Sampling(5, 12);
        var result = _policy.Generate([Prompts[0]], options)[0];
        // Recompute each step's distribution by a full forward and the same logits processing.
        var ids = Prompts[0].ToList();
        for (int j = 0; j < result.CompletionIds.Count; j++)
        {
            using var scope = TorchSharp.torch.NewDisposeScope();
            using var noGrad = TorchSharp.torch.no_grad();
            var logits = _policy.Model.forward(TorchSharp.torch.tensor(ids.Select(i => (long)i).ToArray()).unsqueeze(0), null, null, null);
            var last = logits[0, -1].unsqueeze(0);
            var logp = LogitsSampler.Process(last, options).log_softmax(-1);
            logp[0, result.CompletionIds[j]].item<float>().Should().BeApproximately(result.LogProbs[j], 1e-4f);
            ids.Add(result.CompletionIds[j]);
        }
        result.LogProbs.Should().OnlyContain(lp => lp <= 0 && lp > -50);
    }

    [Test]
    public void Top_k_one_equals_greedy()
    {
        var greedy = _policy.Generate(Prompts, new SamplingOptions { Greedy = true, MaxNewTokens = 16, EosIds = [] });
        var topK1 = _policy.Generate(Prompts, new SamplingOptions { TopK = 1, Seed = 3, MaxNewTokens = 16, EosIds = [] });
        greedy.Select(r => r.CompletionIds).Should().BeEquivalentTo(topK1.Select(r => r.CompletionIds), o => o.WithStrictOrdering());
        topK1.SelectMany(r => r.LogProbs).Should().OnlyContain(lp => lp == 0f, "a single remaining token has probability 1");
    }

    [Test]
    public void Eos_ends_a_row_and_is_kept_as_last_token()
    {
        var greedy = _policy.Generate([Prompts[1]], new SamplingOptions { Greedy = true, MaxNewTokens = 10, EosIds = [] })[0];
        int eos = greedy.CompletionIds[3];
        var stopped = _policy.Generate([Prompts[1]], new SamplingOptions { Greedy = true, MaxNewTokens = 10, EosIds = [eos] })[0];
        int first = greedy.CompletionIds.ToList().IndexOf(eos);
        stopped.CompletionIds.Should().Equal(greedy.CompletionIds.Take(first + 1));
        stopped.FinishReason.Should().Be(FinishReason.Stop);
        stopped.LogProbs.Should().HaveCount(first + 1);
        stopped.Text.Should().Be(_policy.Tokenizer.Decode(greedy.CompletionIds.Take(first)));
        greedy.FinishReason.Should().Be(FinishReason.Length);
    }

    [Test]
    public void Stop_string_cuts_text_and_tokens()
    {
        var greedy = _policy.Generate([Prompts[2]], new SamplingOptions { Greedy = true, MaxNewTokens = 20, EosIds = [] })[0];
        string stop = greedy.Text.Substring(5, 2);
        var stopped = _policy.Generate(
            [Prompts[2]], new SamplingOptions { Greedy = true, MaxNewTokens = 20, EosIds = [], StopStrings = [stop], CheckInterval = 3 })[0];
        int end = greedy.Text.IndexOf(stop, StringComparison.Ordinal) + stop.Length;
        stopped.Text.Should().Be(greedy.Text[..end]);
        stopped.FinishReason.Should().Be(FinishReason.Stop);
        _policy.Tokenizer.Decode(stopped.CompletionIds).Should().Be(stopped.Text);
        stopped.LogProbs.Should().HaveCount(stopped.CompletionIds.Count);
    }

    [Test]
    public void Group_rollouts_give_G_samples_per_prompt()
    {
        var groups = _policy.GenerateGroups(Prompts[..2], 4, Sampling(9, 8));
        groups.Should().HaveCount(2);
        groups.Should().OnlyContain(g => g.Count == 4);
        groups[0].Should().OnlyContain(r => r.PromptIds.SequenceEqual(Prompts[0]));
        groups[1].Should().OnlyContain(r => r.PromptIds.SequenceEqual(Prompts[1]));
        groups[0].Select(r => string.Join(",", r.CompletionIds)).Distinct().Count().Should().BeGreaterThan(1, "samples of a group differ");
    }

    [Test]
    public async Task Streaming_pieces_concatenate_to_the_batch_text()
    {
        var options = Sampling(21, 15);
        var expected = _policy.Generate([Prompts[0]], options)[0].Text;
        var pieces = new List<string>();
        await foreach (var piece in new RolloutGenerator(_policy.Model, _policy.Tokenizer).StreamAsync(Prompts[0], options)) pieces.Add(piece);
        pieces.Count.Should().BeGreaterThan(1);
        string.Concat(pieces).Should().Be(expected);
    }

    [Test]
    public void A_generator_over_the_model_and_tokenizer_equals_the_policy_bit_for_bit()
    {
        var generator = new RolloutGenerator(_policy.Model, _policy.Tokenizer);
        var direct = generator.Generate(Prompts, Sampling(5));
        var throughPolicy = _policy.Generate(Prompts, Sampling(5));
        for (int i = 0; i < Prompts.Length; i++)
        {
            direct[i].CompletionIds.Should().Equal(throughPolicy[i].CompletionIds);
            direct[i].LogProbs.Should().Equal(throughPolicy[i].LogProbs);
        }
        var groups = generator.GenerateGroups(Prompts, 3, Sampling(6));
        var policyGroups = _policy.GenerateGroups(Prompts, 3, Sampling(6));
        groups.SelectMany(g => g.SelectMany(r => r.CompletionIds))
            .Should().Equal(policyGroups.SelectMany(g => g.SelectMany(r => r.CompletionIds)));
    }

    [Test]
    public void The_generator_needs_a_model_and_a_tokenizer()
    {
        var noModel = () => new RolloutGenerator(null!, _policy.Tokenizer);
        var noTokenizer = () => new RolloutGenerator(_policy.Model, null!);
        noModel.Should().Throw<ArgumentNullException>().WithParameterName("model");
        noTokenizer.Should().Throw<ArgumentNullException>().WithParameterName("tokenizer");
    }

    [Test]
    public void Text_prompts_are_encoded_with_the_tokenizer()
    {
        var r = new RolloutGenerator(_policy.Model, _policy.Tokenizer).Generate(["1+1="], new SamplingOptions { Greedy = true, MaxNewTokens = 4 })[0];
        r.PromptIds.Should().Equal(_policy.Tokenizer.Encode("1+1="));
    }

    [Test]
    public void Bad_requests_give_clear_errors()
    {
        var g = new RolloutGenerator(_policy.Model, _policy.Tokenizer);
        g.Invoking(x => x.Generate(Array.Empty<IReadOnlyList<int>>())).Should().Throw<ArgumentException>().WithMessage("*batch is empty*");
        g.Invoking(x => x.Generate([Prompts[0], Array.Empty<int>()])).Should().Throw<ArgumentException>().WithMessage("*Prompt 1 is empty*");
        g.Invoking(x => x.Generate([Enumerable.Repeat(5, 256).ToArray()]))
            .Should().Throw<ArgumentException>().WithMessage("*256 tokens*context is 256*");
        g.Invoking(x => x.Generate([[5, 99999]])).Should().Throw<ArgumentException>().WithMessage("*99999*outside the vocabulary*");
        g.Invoking(x => x.Generate([Prompts[0]], new SamplingOptions { TopP = 0 })).Should().Throw<ArgumentException>().WithMessage("*TopP*");
        g.Invoking(x => x.GenerateGroups([Prompts[0]], 0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Long_prompt_budget_is_cut_to_the_context()
    {
        var prompt = Enumerable.Repeat(5, 250).ToArray();
        var r = _policy.Generate([prompt], new SamplingOptions { Greedy = true, MaxNewTokens = 50, EosIds = [] })[0];
        r.CompletionIds.Should().HaveCount(6);
        r.FinishReason.Should().Be(FinishReason.Length);
    }
}
