namespace R1.MLNet.Inference;

/// <summary>What the sampler needs: lengths, temperature, top-p, stop strings and how to build the model input from a question.</summary>
internal sealed record SamplingSettings(int MaxNewTokens, double Temperature, double TopP, Func<string, string> FormatPrompt, string CompletionPrefix)
{
    /// <summary>Generation of a completion stops once it contains one of these (kept at its end).</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];
}
