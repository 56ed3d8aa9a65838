using System.Reflection;
using R1.MLNet.Training;

namespace R1.MLNet.Tests.Architecture;

/// <summary>The dependency directions of docs/ARCHITECTURE.md, checked on the compiled assemblies.</summary>
public class LayeringTests
{
    private static readonly Assembly MLNet = typeof(GrpoTrainer).Assembly;

    private static bool IsMlNet(Type t) =>
        t.Assembly.GetName().Name is { } name && name.StartsWith("Microsoft.ML", StringComparison.Ordinal) && name != "Microsoft.ML.Tokenizers";

    private static IEnumerable<Type> TypesIn(string ns) =>
        MLNet.GetTypes().Where(t => t.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal)));

    [Test]
    public void The_training_engine_references_no_MLNet_type()
    {
        var engine = TypesIn("R1.MLNet.Training").ToList();
        engine.Should().Contain([typeof(GrpoTrainer), typeof(SftTrainer), typeof(GrpoLoss)]);
        var offenders = engine
            .SelectMany(t => TypeReferences.Of(t).Where(IsMlNet).Select(r => $"{t.FullName} -> {r.FullName}"))
            .Distinct().ToList();
        offenders.Should().BeEmpty("R1.MLNet.Training is the plain-C# engine the ML.NET estimators adapt; it must not use ML.NET");
    }

    [Test]
    public void The_reference_scanner_sees_MLNet_where_it_is_used()
    {
        // Guards the test above against a scanner that finds nothing: the estimators do use ML.NET, in signatures and in IL.
        TypeReferences.Of(typeof(Grpo.GrpoEstimator)).Should().Contain(t => IsMlNet(t));
        TypeReferences.Of(typeof(MLContextReasoningExtensions)).Should().Contain(typeof(Microsoft.ML.MLContext));
        TypeReferences.Of(typeof(R1.MLNet.DataView.TextColumn)).Should().Contain(t => IsMlNet(t));
    }

    [Test]
    public void The_training_engine_does_not_reach_up_to_the_pipeline_steps()
    {
        string[] above = ["R1.MLNet.Sft", "R1.MLNet.Grpo", "R1.MLNet.Reason", "R1.MLNet.Evaluate", "R1.MLNet.DataView", "R1.MLNet.Persistence"];
        var offenders = TypesIn("R1.MLNet.Training")
            .SelectMany(t => TypeReferences.Of(t)
                .Where(r => r.Assembly == MLNet
                    && (r.Namespace == "R1.MLNet" || above.Any(a => r.Namespace?.StartsWith(a, StringComparison.Ordinal) == true)))
                .Select(r => $"{t.FullName} -> {r.FullName}"))
            .Distinct().ToList();
        offenders.Should().BeEmpty("the estimators depend on the engine, never the other way round");
    }
}
