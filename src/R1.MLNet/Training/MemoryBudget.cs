using Microsoft.Extensions.Logging;
using R1.Rollout.Lora;
using R1.Rollout.Models;

namespace R1.MLNet.Training;

/// <summary>
/// The trainers' use of <see cref="MemoryPlanner"/> before the first step: log the estimate, and over
/// <see cref="TrainingMemoryOptions.BudgetGiB"/> throw with the estimate and each option change that would lower it.
/// </summary>
internal static class MemoryBudget
{
    /// <summary>Logs and checks a GRPO run; returns the estimate.</summary>
    /// <exception cref="InvalidOperationException">The estimate exceeds the budget.</exception>
    public static MemoryEstimate CheckGrpo(ModelConfig config, GrpoOptions options, int promptTokens, ILogger logger)
    {
        var estimate = MemoryPlanner.ForGrpo(config, options, promptTokens);
        logger.LogInformation("GRPO memory estimate: {Estimate}", estimate);
        if (options.Memory.BudgetGiB is { } budget && estimate.TotalGiB > budget)
            throw Over("GRPO", "GrpoOptions", estimate, budget, Alternatives(options, options.Memory, options.Lora,
                o => MemoryPlanner.ForGrpo(config, o, promptTokens),
                o => o.PromptsPerStep * o.NumGenerations % (o.GradientAccumulationSteps * 2) == 0 ? o.GradientAccumulationSteps * 2 : null));
        return estimate;
    }

    /// <summary>Logs and checks an SFT run; returns the estimate.</summary>
    /// <exception cref="InvalidOperationException">The estimate exceeds the budget.</exception>
    public static MemoryEstimate CheckSft(ModelConfig config, SftOptions options, int sequenceTokens, int responseTokens, ILogger logger)
    {
        var estimate = MemoryPlanner.ForSft(config, options, sequenceTokens, responseTokens);
        logger.LogInformation("SFT memory estimate: {Estimate}", estimate);
        if (options.Memory.BudgetGiB is { } budget && estimate.TotalGiB > budget)
            throw Over("SFT", "SftOptions", estimate, budget, Alternatives(options, options.Memory, options.Lora,
                o => MemoryPlanner.ForSft(config, o, sequenceTokens, responseTokens), o => o.BatchSize > 1 ? -(o.BatchSize / 2) : null));
        return estimate;
    }

    /// <summary>
    /// Each single change that lowers the estimate, with the estimate it gives, then all of them together.
    /// <paramref name="smallerBatch"/> gives a doubled GradientAccumulationSteps (positive) or a halved BatchSize (negative).
    /// </summary>
    private static List<(string Change, MemoryEstimate Estimate)> Alternatives<T>(T options, TrainingMemoryOptions memory, LoraOptions? lora,
        Func<T, MemoryEstimate> estimate, Func<T, int?> smallerBatch) where T : class
    {
        var changes = new List<(string, Action<T>)>();
        if (!memory.GradientCheckpointing) changes.Add(("Memory.GradientCheckpointing = true", o => Memory(o).GradientCheckpointing = true));
        if (memory.Precision == TrainingPrecision.Float32)
            changes.Add(("Memory.Precision = BFloat16Mixed (with a bf16 policy)", o => Memory(o).Precision = TrainingPrecision.BFloat16Mixed));
        if (lora is null) changes.Add(("Lora = new LoraOptions { Rank = 16 }", o => SetLora(o, new LoraOptions { Rank = 16 })));
        if (smallerBatch(options) is { } k)
            changes.Add(k > 0 ? ($"GradientAccumulationSteps = {k}", o => ((GrpoOptions)(object)o).GradientAccumulationSteps = k)
                              : ($"BatchSize = {-k}", o => ((SftOptions)(object)o).BatchSize = -k));
        var result = changes.Select(c => (c.Item1, estimate(Apply(options, c.Item2)))).ToList();
        if (changes.Count > 1)
            result.Add(("all of these", estimate(Apply(options, o => { foreach (var c in changes) c.Item2(o); }))));
        return result;
    }

    private static T Apply<T>(T options, Action<T> change) where T : class
    {
        var copy = options switch
        {
            GrpoOptions g => (T)(object)g.Clone(),
            SftOptions s => (T)(object)s.Clone(),
            _ => throw new ArgumentException("Unknown options type.", nameof(options)),
        };
        change(copy);
        return copy;
    }

    private static TrainingMemoryOptions Memory(object o) => o is GrpoOptions g ? g.Memory : ((SftOptions)o).Memory;

    private static void SetLora(object o, LoraOptions lora)
    {
        if (o is GrpoOptions g) g.Lora = lora;
        else ((SftOptions)o).Lora = lora;
    }

    private static InvalidOperationException Over(string trainer, string owner, MemoryEstimate estimate, double budget,
        List<(string Change, MemoryEstimate Estimate)> alternatives)
    {
        var lines = alternatives.Select(a =>
            $"  {owner}.{a.Change}: {a.Estimate.TotalGiB:F2} GiB ({(a.Estimate.TotalGiB <= budget ? "fits" : "still over")}, " +
            $"saves {estimate.TotalGiB - a.Estimate.TotalGiB:F2} GiB)");
        return new InvalidOperationException(
            $"{trainer}: the memory planner estimates a peak of {estimate}, over {owner}.Memory.BudgetGiB = {budget:0.###} GiB. " +
            "No step was run. Options that lower the estimate:" + Environment.NewLine + string.Join(Environment.NewLine, lines));
    }
}
