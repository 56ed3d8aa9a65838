using System.Reflection;
using R1.Rollout.Generation;
using R1.Rollout.Models;
using R1.Rollout.Scoring;
using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests;

/// <summary>
/// The layering of R1.Rollout: <see cref="Policy"/> sits above the generator and the scorer, which take a model and a
/// tokenizer. Nothing under Generation/, Scoring/ or Batching/ may mention <see cref="Policy"/> or checkpoint I/O.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] Lower = ["R1.Rollout.Generation", "R1.Rollout.Scoring", "R1.Rollout.Batching"];

    private static IEnumerable<Type> LowerTypes() =>
        typeof(Policy).Assembly.GetTypes().Where(t => Lower.Contains(t.Namespace));

    private static bool Forbidden(Type? type) => type is not null &&
        (type == typeof(Policy) || type == typeof(PolicyOptions) || type.Namespace == "R1.Rollout.Checkpoints" ||
         (type.IsGenericType && type.GetGenericArguments().Any(Forbidden)) || (type.HasElementType && Forbidden(type.GetElementType())));

    [Test]
    public void Generation_scoring_and_batching_do_not_reference_the_policy_or_checkpoints()
    {
        const BindingFlags all =
            BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        LowerTypes().Should().NotBeEmpty();
        var offenders = new List<string>();
        foreach (var type in LowerTypes())
        {
            offenders.AddRange(type.GetFields(all).Where(f => Forbidden(f.FieldType)).Select(f => $"{type.Name}.{f.Name}"));
            offenders.AddRange(type.GetProperties(all).Where(p => Forbidden(p.PropertyType)).Select(p => $"{type.Name}.{p.Name}"));
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (method is MethodInfo m && Forbidden(m.ReturnType)) offenders.Add($"{type.Name}.{m.Name} returns {m.ReturnType.Name}");
                offenders.AddRange(method.GetParameters().Where(p => Forbidden(p.ParameterType))
                    .Select(p => $"{type.Name}.{method.Name}({p.ParameterType.Name} {p.Name})"));
            }
        }
        offenders.Should().BeEmpty();
    }

    [Test]
    public void The_generator_and_the_scorer_are_built_from_a_model_and_a_tokenizer()
    {
        foreach (var type in new[] { typeof(RolloutGenerator), typeof(LogProbScorer) })
        {
            var constructor = type.GetConstructors().Should().ContainSingle().Subject;
            constructor.GetParameters().Select(p => p.ParameterType).Take(2)
                .Should().Equal(typeof(CausalLM), typeof(ITextTokenizer));
        }
    }
}
