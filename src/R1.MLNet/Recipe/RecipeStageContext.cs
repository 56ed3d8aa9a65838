using R1.Rollout;

namespace R1.MLNet.Recipe;

/// <summary>What every stage of one <see cref="R1Recipe.Run"/> shares: the work directory, how policies load, the data, the token.</summary>
internal sealed record RecipeStageContext(RecipeWorkDirectory Work, PolicyOptions PolicyOptions, R1RecipeData Data, CancellationToken Ct)
{
    public Policy Load(string folder) => Policy.Load(folder, PolicyOptions);
}
