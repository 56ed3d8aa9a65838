using System.Reflection;
using R1.MLNet.Recipe;
using R1.MLNet.Tests.Architecture;

namespace R1.MLNet.Tests.Recipe;

/// <summary>The recipe is plain C# over the training engine, like <c>R1.MLNet.Training</c>: no ML.NET type, no pipeline step.</summary>
public class RecipeLayeringTests
{
    private static readonly Assembly MLNet = typeof(R1Recipe).Assembly;

    [Test]
    public void The_recipe_references_no_MLNet_type_and_no_pipeline_step()
    {
        string[] steps = ["R1.MLNet.Sft", "R1.MLNet.Grpo", "R1.MLNet.Reason", "R1.MLNet.Evaluate", "R1.MLNet.DataView", "R1.MLNet.Persistence",
                          "R1.MLNet.RejectionSample", "R1.MLNet.Distill"];
        var recipe = MLNet.GetTypes().Where(t => t.Namespace == "R1.MLNet.Recipe").ToList();
        recipe.Should().Contain([typeof(R1Recipe), typeof(R1RecipeOptions)]);
        bool IsMlNet(Type r) => r.Assembly.GetName().Name is { } n && n.StartsWith("Microsoft.ML", StringComparison.Ordinal)
                                 && n != "Microsoft.ML.Tokenizers";
        bool IsStep(Type r) => r.Assembly == MLNet
                               && (r.Namespace == "R1.MLNet" || steps.Any(s => r.Namespace?.StartsWith(s, StringComparison.Ordinal) == true));
        var offenders = recipe.SelectMany(t => TypeReferences.Of(t).Where(r => IsMlNet(r) || IsStep(r)).Select(r => $"{t.FullName} -> {r.FullName}"))
            .Distinct().ToList();
        offenders.Should().BeEmpty("R1.MLNet.Recipe composes the plain-C# trainers only");
    }
}
