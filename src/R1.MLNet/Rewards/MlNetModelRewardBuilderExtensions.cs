using Microsoft.Extensions.Options;
using Microsoft.ML;
using R1.MLNet.Rewards;
using R1.Rewards.Composition;

// Deliberately in Microsoft.Extensions.DependencyInjection (as Microsoft's own extensions are): one using brings every
// R1 registration. See docs/ARCHITECTURE.md.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds an <see cref="MlNetModelReward"/> to the reward pipeline.</summary>
public static class MlNetModelRewardBuilderExtensions
{
    /// <summary>
    /// Adds a fitted ML.NET model as a reward. Options come from the configuration subsection <c>MlNetModel</c>, then
    /// <paramref name="configure"/>. The <see cref="MLContext"/> is taken from DI when one is registered.
    /// </summary>
    /// <param name="builder">The reward builder.</param>
    /// <param name="model">A fitted transformer with a text input and a <c>Score</c> output.</param>
    /// <param name="weight">Weight in the total. Default 1.</param>
    /// <param name="configure">Adjusts the options (columns, input text, score mapping).</param>
    /// <param name="name">The reward name. Default <c>mlnet</c>.</param>
    public static ReasoningRewardsBuilder AddMlNetModel(this ReasoningRewardsBuilder builder, ITransformer model, double weight = 1.0,
        Action<MlNetModelRewardOptions>? configure = null, string name = MlNetModelReward.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(model);
        return builder
            .AddRewardOptions(MlNetModelRewardOptions.SectionName, configure)
            .Add(name, sp => new MlNetModelReward(sp.GetService<MLContext>() ?? new MLContext(seed: 0), model,
                sp.GetRequiredService<IOptions<MlNetModelRewardOptions>>().Value, name), weight);
    }

    /// <summary>Adds the ML.NET model saved at <paramref name="modelPath"/> (a <c>.zip</c> from <c>mlContext.Model.Save</c>) as a reward.</summary>
    /// <param name="builder">The reward builder.</param>
    /// <param name="modelPath">The saved model file.</param>
    /// <param name="weight">Weight in the total. Default 1.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <param name="name">The reward name. Default <c>mlnet</c>.</param>
    public static ReasoningRewardsBuilder AddMlNetModel(this ReasoningRewardsBuilder builder, string modelPath, double weight = 1.0,
        Action<MlNetModelRewardOptions>? configure = null, string name = MlNetModelReward.DefaultName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"No ML.NET model file at '{modelPath}'.", modelPath);
        var model = new MLContext(seed: 0).Model.Load(modelPath, out _);
        return builder.AddMlNetModel(model, weight, configure, name);
    }
}
