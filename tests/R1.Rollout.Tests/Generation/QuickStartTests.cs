using R1.Rollout.Generation;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Generation;

/// <summary>The docs/rollout.md quick start, end to end (small sizes).</summary>
[TestFixture]
public class QuickStartTests
{
    [Test]
    public async Task Documented_rollout_scoring_save_and_stream_flow_works()
    {
        var tokenizer = CharTokenizer.CreateDefault();
        using var policy = Policy.Create(ModelConfig.Tiny(tokenizer.VocabSize), tokenizer, new PolicyOptions { Seed = 1 });
        var prompts = new[] { "12+7=", "3*4=" }.Select(p => tokenizer.Encode(p)).ToList();
        var groups = policy.GenerateGroups(prompts, groupSize: 3,
            new SamplingOptions { MaxNewTokens = 12, Temperature = 1.0, TopP = 0.95, StopStrings = ["</answer>"], Seed = 42 });

        using var reference = policy.CloneFrozen();
        var flatPrompts = groups.SelectMany(g => g.Select(r => r.PromptIds)).ToList();
        var completions = groups.SelectMany(g => g.Select(r => r.CompletionIds)).ToList();
        using var current = policy.ScoreCompletions(flatPrompts, completions);
        using (no_grad())
        using (var refScores = reference.ScoreCompletions(flatPrompts, completions))
        {
            // Same weights: the reference agrees with the policy, and with the log-probs recorded while sampling at temperature 1
            // wherever no top-p truncation happened (≤ because truncation only raises a kept token's probability).
            (current.LogProbs.detach() - refScores.LogProbs).abs().max().item<float>().Should().BeLessThan(1e-5f);
            var sampled = groups.SelectMany(g => g).ToList();
            var scored = refScores.LogProbs.data<float>().ToArray();
            int width = (int)refScores.LogProbs.shape[1];
            for (int i = 0; i < sampled.Count; i++)
                for (int j = 0; j < sampled[i].LogProbs.Count; j++)
                    scored[i * width + j].Should().BeLessThanOrEqualTo(sampled[i].LogProbs[j] + 1e-4f);
        }

        string folder = Path.Combine(Path.GetTempPath(), "r1-quickstart-" + Guid.NewGuid().ToString("N"));
        policy.Save(folder);
        using (var loaded = Policy.Load(folder))
            loaded.Generate(prompts, new SamplingOptions { Greedy = true, MaxNewTokens = 8 }).Select(r => r.CompletionIds)
                  .Should().BeEquivalentTo(
                      policy.Generate(prompts, new SamplingOptions { Greedy = true, MaxNewTokens = 8 }).Select(r => r.CompletionIds),
                      o => o.WithStrictOrdering());
        Directory.Delete(folder, true);

        var pieces = new List<string>();
        await foreach (var piece in policy.StreamAsync("5+5=", new SamplingOptions { Greedy = true, MaxNewTokens = 10 })) pieces.Add(piece);
        string.Concat(pieces).Should().Be(
            policy.Generate([tokenizer.Encode("5+5=")], new SamplingOptions { Greedy = true, MaxNewTokens = 10 })[0].Text);
    }
}
