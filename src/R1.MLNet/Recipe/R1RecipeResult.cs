namespace R1.MLNet.Recipe;

/// <summary>The outcome of <see cref="R1Recipe.Run"/>: the base model's record, then one per stage that ran, in order.</summary>
/// <param name="Stages">The base first, then each configured stage.</param>
public sealed record R1RecipeResult(IReadOnlyList<RecipeStageResult> Stages)
{
    /// <summary>The record of <paramref name="stage"/>, or <see langword="null"/> when it was skipped.</summary>
    public RecipeStageResult? this[RecipeStage stage] => Stages.FirstOrDefault(s => s.Stage == stage);

    /// <summary>The policy of the last stage, a Hugging Face folder.</summary>
    public string FinalPolicyFolder => Stages[^1].PolicyFolder;
}
