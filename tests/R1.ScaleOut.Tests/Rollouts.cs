using R1.Rollout.Engines;
using R1.Rollout.Generation;
using R1.Rollout.Tokenization;

namespace R1.ScaleOut.Tests;

/// <summary>What the rollout tests send and compare: prompts as token ids, engine options over processes, equal group rollouts.</summary>
public static class Rollouts
{
    private static readonly string[] Questions =
    [
        "What is 2+3*4?", "Solve x+1=5.", "Name a prime.", "How many legs has a cat?", "Spell 'seven'.", "Is 9 odd?",
        "Add 12 and 30.", "What is half of 10?", "Count to three.", "Say hi.", "What is 7*6?", "Is the sky blue?",
    ];

    /// <summary>The first <paramref name="count"/> test questions encoded by <paramref name="tokenizer"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Prompts(ITextTokenizer tokenizer, int count) =>
        Questions.Take(count).Select(q => (IReadOnlyList<int>)tokenizer.Encode(q).ToList()).ToList();

    /// <summary>An engine over <paramref name="endpoints"/> for <paramref name="model"/>, with test-sized retry delays.</summary>
    public static OpenAiRolloutEngineOptions Options(string model, params Uri[] endpoints) => new()
    {
        Endpoints = endpoints,
        Model = model,
        Timeout = TimeSpan.FromSeconds(30),
        RetryDelay = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>Same prompts, the same completion ids and finish reasons, log-probs within <paramref name="tolerance"/>.</summary>
    public static void ShouldMatch(IReadOnlyList<IReadOnlyList<GenerationResult>> actual,
        IReadOnlyList<IReadOnlyList<GenerationResult>> expected, float tolerance = 1e-4f)
    {
        actual.Should().HaveCount(expected.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            actual[i].Should().HaveCount(expected[i].Count);
            for (int g = 0; g < expected[i].Count; g++)
            {
                var (a, e) = (actual[i][g], expected[i][g]);
                a.PromptIds.Should().Equal(e.PromptIds, $"prompt {i}");
                a.CompletionIds.Should().Equal(e.CompletionIds, $"sample {g} of prompt {i}");
                a.FinishReason.Should().Be(e.FinishReason, $"sample {g} of prompt {i}");
                a.LogProbs.Zip(e.LogProbs, (x, y) => Math.Abs(x - y)).Should().OnlyContain(d => d <= tolerance,
                    $"sample {g} of prompt {i} has the same log-probs");
            }
        }
    }
}
