using Microsoft.Extensions.DependencyInjection;
using R1.MLNet.Recipe;
using R1.MLNet.Tests.Training;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Math;
using R1.Rewards.Readability;
using R1.Rollout;

namespace R1.MLNet.Tests.Recipe;

/// <summary>The docs/recipe.md snippet, as written there (between the marked lines), on the micro policy.</summary>
public class RecipeDocSnippetTests
{
    [Test]
    public void The_recipe_snippet_runs_every_stage_and_leaves_a_loadable_final_policy()
    {
        string work = Path.Combine(Path.GetTempPath(), "r1-recipe-doc-" + Guid.NewGuid().ToString("N"));
        var reasoningRewards = new ServiceCollection().AddReasoningRewards(b => b.AddMathAccuracy().AddFormat(weight: 0.5))
            .BuildServiceProvider().GetRequiredService<IRewardScorer>();
        var routedRewards = reasoningRewards;
        var prompt = TrainingFixtures.Compact;
        using var basePolicy = TrainingFixtures.Create(seed: 1);
        var data = RecipeFixtures.Data;
        try
        {
            // --- docs/recipe.md
            var recipe = new R1Recipe(reasoningRewards, routedRewards, new R1RecipeOptions
            {
                WorkDirectory = work, Prompt = prompt,
                ColdStart = new SftOptions { MaxSteps = 2, BatchSize = 4 },
                ReasoningRl = new GrpoOptions { MaxSteps = 2, PromptsPerStep = 2, NumGenerations = 2, Sampling = { MaxNewTokens = 6 } },
                RejectionSampling = new RejectionSamplingStageOptions
                {
                    FromBase = true,
                    Sampler = { SamplesPerPrompt = 2, Sampling = { MaxNewTokens = 6 }, Filters = [.. ReadabilityFilters.Default()] },
                    Sft = { MaxSteps = 2, BatchSize = 4 },
                },
                AllScenariosRl = new GrpoOptions { MaxSteps = 2, PromptsPerStep = 2, NumGenerations = 2, Sampling = { MaxNewTokens = 6 } },
                Evaluation = { MaxNewTokens = 6 },
            });
            R1RecipeResult result = recipe.Run(basePolicy, data);
            foreach (var stage in result.Stages)
                Console.WriteLine($"{stage.Stage}: {stage.Evaluation?.Accuracy:P1} {(stage.Loaded ? "(loaded)" : "")}");
            using var final = Policy.Load(result.FinalPolicyFolder);
            // ---

            result.Stages.Should().HaveCount(5).And.OnlyContain(s => s.Evaluation != null && !s.Loaded);
            result[RecipeStage.RejectionSamplingSft]!.RejectionSampling!.Samples.Should().Be(12);
            final.Config.HiddenSize.Should().Be(basePolicy.Config.HiddenSize);
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }
}
