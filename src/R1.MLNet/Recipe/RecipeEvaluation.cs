using System.Text.Json.Serialization;
using R1.MLNet.Training;

namespace R1.MLNet.Recipe;

/// <summary>Greedy held-out accuracy of one stage's policy, overall and per task type.</summary>
public sealed record RecipeEvaluation
{
    /// <summary>The fraction of all held-out examples answered correctly.</summary>
    public double Accuracy { get; init; }

    /// <summary>Held-out examples evaluated.</summary>
    public int Examples { get; init; }

    /// <summary>The accuracy per task type (examples without one under the empty string).</summary>
    public IReadOnlyDictionary<string, double> ByTaskType { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Each example with its completion and correctness, in input order; only for an evaluation this process ran (empty when the
    /// stage was loaded from its record).
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<EvaluationSample> Samples { get; init; } = [];
}
