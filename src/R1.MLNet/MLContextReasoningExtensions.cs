using Microsoft.ML;

namespace R1.MLNet;

/// <summary>Adds <see cref="Reasoning"/> to <see cref="MLContext"/>.</summary>
public static class MLContextReasoningExtensions
{
    /// <summary>The reasoning catalog: <c>Sft</c>, <c>Grpo</c>, <c>Reason</c>, <c>Evaluate</c>, <c>SaveModel</c>/<c>LoadModel</c>.</summary>
    public static ReasoningCatalog Reasoning(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new ReasoningCatalog(mlContext);
    }
}
