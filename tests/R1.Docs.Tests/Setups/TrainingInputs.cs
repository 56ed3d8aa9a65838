using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using R1.Docs.Tests.Snippets;
using R1.MLNet.Training;
using R1.Rollout;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.Docs.Tests.Setups;

/// <summary>
/// The plain-C# training snippet's inputs: the folder <c>my-base-model</c> (a tiny random policy with the character tokenizer),
/// SFT <c>pairs</c>, GRPO <c>trainExamples</c> and <c>heldOutExamples</c> (single-digit sums) and a <c>logger</c>.
/// </summary>
[SnippetSetup("training-inputs")]
public static class TrainingInputs
{
    public static IReadOnlyList<(string Prompt, string Response)> pairs { get; private set; } = [];

    public static IReadOnlyList<ReasoningExample> trainExamples { get; private set; } = [];

    public static IReadOnlyList<ReasoningExample> heldOutExamples { get; private set; } = [];

    public static ILogger logger => NullLogger.Instance;

    public static void Run(SnippetContext context)
    {
        var tokenizer = CharTokenizer.CreateDefault();
        using (var policy = Policy.Create(ModelConfig.Tiny(tokenizer.VocabSize), tokenizer, new PolicyOptions { Seed = 3 }))
            policy.Save(context.Path("my-base-model"));
        var sums = Enumerable.Range(0, 20).Select(i => (A: i % 10, B: i * 3 % 10)).ToList();
        pairs = sums.Select(s => ($"{s.A}+{s.B}", $"<think>{s.A}+{s.B}={s.A + s.B}</think> <answer>{s.A + s.B}</answer>")).ToList();
        trainExamples = sums.Take(16).Select(s => new ReasoningExample($"{s.A}+{s.B}", $"{s.A + s.B}")).ToList();
        heldOutExamples = sums.Skip(16).Select(s => new ReasoningExample($"{s.A}+{s.B}", $"{s.A + s.B}")).ToList();
    }
}
