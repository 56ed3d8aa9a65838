using Microsoft.Extensions.DependencyInjection;
using R1.Docs.Tests.Snippets;
using R1.MLNet.Recipe;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Math;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.Docs.Tests.Setups;

/// <summary>
/// The docs/recipe.md snippet: math + format <c>reasoningRewards</c> (also the <c>routedRewards</c>), a <c>work</c> folder, the raw
/// <c>prompt</c> format, a micro <c>basePolicy</c> and a handful of sums as the recipe <c>data</c>.
/// </summary>
[SnippetSetup("recipe-inputs")]
public static class RecipeInputs
{
    public static IRewardScorer reasoningRewards { get; private set; } = null!;

    public static IRewardScorer routedRewards { get; private set; } = null!;

    public static string work { get; private set; } = "";

    public static PromptFormat prompt { get; private set; } = null!;

    public static Policy basePolicy { get; private set; } = null!;

    public static R1RecipeData data { get; private set; } = null!;

    public static void Run(SnippetContext context)
    {
        reasoningRewards = new ServiceCollection().AddReasoningRewards(b => b.AddMathAccuracy().AddFormat(weight: 0.5))
            .BuildServiceProvider().GetRequiredService<IRewardScorer>();
        routedRewards = reasoningRewards;
        work = context.Path("recipe");
        prompt = PromptFormat.Raw;
        var tokenizer = CharTokenizer.CreateDefault();
        basePolicy = Policy.Create(new ModelConfig
        {
            ModelType = "qwen2", VocabSize = tokenizer.VocabSize, HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 2,
            NumAttentionHeads = 2, NumKeyValueHeads = 1, MaxPositionEmbeddings = 256, TieWordEmbeddings = true,
        }, tokenizer, new PolicyOptions { Seed = 1, NumThreads = 1 });
        var examples = Enumerable.Range(0, 6).Select(i => new ReasoningExample($"{i}+{i + 1}", $"{2 * i + 1}", TaskType: "math")).ToList();
        data = new R1RecipeData
        {
            ColdStart = Enumerable.Range(0, 8).Select(i => ($"{i}+{i}", $"<think>{i}+{i}</think><answer>{2 * i}</answer>")).ToList(),
            ReasoningPrompts = examples, RejectionSamplingPrompts = examples, NonReasoning = [("hi", "hello")],
            AllScenariosPrompts = examples, HeldOut = examples,
        };
    }
}
