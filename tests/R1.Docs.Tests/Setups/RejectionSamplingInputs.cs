using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using R1.Docs.Tests.Snippets;
using R1.Rewards.Composition;
using R1.Rewards.Math;
using R1.Rollout;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.Docs.Tests.Setups;

/// <summary>
/// The rejection-sampling snippet of docs/mlnet.md: <c>ml</c>, math-reward <c>services</c>, a chat <c>teacher</c> that adds, a tiny
/// <c>studentFolder</c> and two <c>prompts</c> with answers.
/// </summary>
[SnippetSetup("rejection-sampling-inputs")]
public static class RejectionSamplingInputs
{
    public static MLContext ml { get; private set; } = null!;

    public static IServiceProvider services { get; private set; } = null!;

    public static IChatClient teacher { get; private set; } = null!;

    public static string studentFolder { get; private set; } = "";

    public static IDataView prompts { get; private set; } = null!;

    public static void Run(SnippetContext context)
    {
        ml = new MLContext(seed: 0);
        services = new ServiceCollection().AddReasoningRewards(b => b.AddMathAccuracy()).BuildServiceProvider();
        teacher = new SumsChatClient();
        studentFolder = context.Path("student");
        var tokenizer = CharTokenizer.CreateDefault();
        using (var init = Policy.Create(ModelConfig.Tiny(tokenizer.VocabSize), tokenizer, new PolicyOptions { Seed = 1, NumThreads = 1 }))
            init.Save(studentFolder);
        prompts = ml.Data.LoadFromEnumerable(new[] { new QaRow { Prompt = "1+2", Answer = "3" }, new QaRow { Prompt = "2+2", Answer = "4" } });
    }
}
