using R1.MLNet.Training;

namespace R1.MLNet.Recipe;

/// <summary>The data of each stage of <see cref="R1Recipe"/>; a stage that runs needs its data, a skipped one ignores it.</summary>
public sealed class R1RecipeData
{
    /// <summary>Stage 1: readable (prompt, response) pairs for the cold start.</summary>
    public IReadOnlyList<(string Prompt, string Response)> ColdStart { get; init; } = [];

    /// <summary>Stage 2: reasoning prompts with their reference answers.</summary>
    public IReadOnlyList<ReasoningExample> ReasoningPrompts { get; init; } = [];

    /// <summary>Stage 3: the prompts to sample from the RL checkpoint, with the references the rewards check.</summary>
    public IReadOnlyList<ReasoningExample> RejectionSamplingPrompts { get; init; } = [];

    /// <summary>Stage 3: non-reasoning SFT rows joined to the kept samples (the paper's ~200k). Default none.</summary>
    public IReadOnlyList<(string Prompt, string Response)> NonReasoning { get; init; } = [];

    /// <summary>Stage 4: prompts of every scenario, each with its task type for the reward routing.</summary>
    public IReadOnlyList<ReasoningExample> AllScenariosPrompts { get; init; } = [];

    /// <summary>Held-out examples evaluated after every stage, per task type. Default none (no evaluation).</summary>
    public IReadOnlyList<ReasoningExample> HeldOut { get; init; } = [];

    internal void Validate(R1RecipeOptions options)
    {
        Require(options.ColdStart is null || ColdStart is { Count: > 0 }, nameof(ColdStart), "the cold-start stage");
        Require(options.ReasoningRl is null || ReasoningPrompts is { Count: > 0 }, nameof(ReasoningPrompts), "the reasoning RL stage");
        Require(options.RejectionSampling is null || RejectionSamplingPrompts is { Count: > 0 }, nameof(RejectionSamplingPrompts),
            "the rejection-sampling stage");
        Require(options.AllScenariosRl is null || AllScenariosPrompts is { Count: > 0 }, nameof(AllScenariosPrompts), "the all-scenarios RL stage");
        if (NonReasoning is null) throw new ArgumentNullException(nameof(NonReasoning), "R1RecipeData.NonReasoning must not be null.");
        if (HeldOut is null) throw new ArgumentNullException(nameof(HeldOut), "R1RecipeData.HeldOut must not be null.");
    }

    private static void Require(bool ok, string name, string stage)
    {
        if (!ok) throw new ArgumentException($"R1RecipeData.{name} is empty, but {stage} is configured and needs it.", name);
    }
}
