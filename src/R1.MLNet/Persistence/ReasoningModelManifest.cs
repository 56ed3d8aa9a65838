using R1.MLNet.Inference;

namespace R1.MLNet.Persistence;

/// <summary>The <c>reasoning.json</c> entry of a saved model: what kind of transformer it was and its options.</summary>
internal sealed record ReasoningModelManifest
{
    public const string FileName = "reasoning.json";
    public const string CurrentFormat = "r1-mlnet-reasoning/1";
    public const string PolicyFolder = "policy";

    public string Format { get; init; } = CurrentFormat;

    /// <summary><c>reason</c> (a <see cref="ReasonTransformer"/>) or <c>policy</c> (a training step's <see cref="Transformers.PolicyTransformer"/>).</summary>
    public string Kind { get; init; } = "reason";

    public string PromptColumnName { get; init; } = "Prompt";
    public string CompletionColumnName { get; init; } = "Completion";
    public string ReasoningColumnName { get; init; } = "Reasoning";
    public string AnswerColumnName { get; init; } = "Answer";
    public int MaxNewTokens { get; init; }
    public double Temperature { get; init; }
    public double TopP { get; init; }
    public int Samples { get; init; }
    public int BatchSize { get; init; } = 8;
    public string[] StopStrings { get; init; } = [];
    public int Seed { get; init; }
    public string PromptTemplate { get; init; } = PromptTemplates.R1Zero;
    public string CompletionPrefix { get; init; } = "";
    public string AnswerMatcherType { get; init; } = "";

    public static ReasoningModelManifest FromOptions(ReasonOptions o)
    {
        if (o.PromptFormatter != null)
            throw new InvalidOperationException("This ReasonTransformer uses a custom ReasonOptions.PromptFormatter delegate, which cannot be saved. " +
                                                "Register it with PromptTemplates.Register(name, formatter) and set ReasonOptions.PromptTemplate = name instead.");
        var matcher = o.AnswerMatcher.GetType();
        if (matcher.GetConstructor(Type.EmptyTypes) is null)
            throw new InvalidOperationException($"The answer matcher {matcher.FullName} has no public parameterless constructor, so it cannot be recreated on load.");
        return new()
        {
            Kind = "reason", PromptColumnName = o.PromptColumnName, CompletionColumnName = o.CompletionColumnName,
            ReasoningColumnName = o.ReasoningColumnName, AnswerColumnName = o.AnswerColumnName, MaxNewTokens = o.MaxNewTokens,
            Temperature = o.Temperature, TopP = o.TopP, Samples = o.Samples, BatchSize = o.BatchSize, StopStrings = o.StopStrings.ToArray(), Seed = o.Seed, PromptTemplate = o.PromptTemplate,
            CompletionPrefix = o.CompletionPrefix, AnswerMatcherType = matcher.AssemblyQualifiedName!,
        };
    }

    public ReasonOptions ToOptions()
    {
        var matcherType = Type.GetType(AnswerMatcherType)
            ?? throw new InvalidDataException($"{FileName}: answer matcher type '{AnswerMatcherType}' was not found (is its assembly loaded?).");
        return new()
        {
            PromptColumnName = PromptColumnName, CompletionColumnName = CompletionColumnName, ReasoningColumnName = ReasoningColumnName,
            AnswerColumnName = AnswerColumnName, MaxNewTokens = MaxNewTokens, Temperature = Temperature, TopP = TopP, Samples = Samples, BatchSize = BatchSize, StopStrings = StopStrings,
            Seed = Seed, PromptTemplate = PromptTemplate, CompletionPrefix = CompletionPrefix,
            AnswerMatcher = (IAnswerMatcher)Activator.CreateInstance(matcherType)!,
        };
    }
}
