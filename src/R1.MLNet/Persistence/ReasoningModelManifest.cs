using R1.MLNet.Reason;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Generation;

namespace R1.MLNet.Persistence;

/// <summary>The <c>reasoning.json</c> entry of a saved model: what kind of transformer it was and its options.</summary>
internal sealed record ReasoningModelManifest
{
    public const string FileName = "reasoning.json";
    public const string CurrentFormat = "r1-mlnet-reasoning/1";
    public const string PolicyFolder = "policy";

    public string Format { get; init; } = CurrentFormat;

    /// <summary><c>reason</c> (a <see cref="ReasonTransformer"/>) or <c>policy</c> (a training step's <see cref="PolicyTransformer"/>).</summary>
    public string Kind { get; init; } = "reason";

    public string PromptColumnName { get; init; } = "Prompt";
    public string CompletionColumnName { get; init; } = "Completion";
    public string ReasoningColumnName { get; init; } = "Reasoning";
    public string AnswerColumnName { get; init; } = "Answer";
    public int MaxNewTokens { get; init; }
    public double Temperature { get; init; }
    public double TopP { get; init; }
    public int TopK { get; init; }
    public double MinP { get; init; }
    public int Samples { get; init; }
    public int BatchSize { get; init; } = 8;
    public string[] StopStrings { get; init; } = [];
    public long? Seed { get; init; }
    public string PromptTemplate { get; init; } = "r1-zero";
    public string CompletionPrefix { get; init; } = "";
    public string AnswerMatcherType { get; init; } = "";

    public static ReasoningModelManifest FromOptions(ReasonOptions o)
    {
        var matcher = o.AnswerMatcher.GetType();
        if (matcher.GetConstructor(Type.EmptyTypes) is null)
            throw new InvalidOperationException(
                $"The answer matcher {matcher.FullName} has no public parameterless constructor, so it cannot be recreated on load.");
        var sampling = o.Sampling;
        return new()
        {
            Kind = "reason", PromptColumnName = o.PromptColumnName, CompletionColumnName = o.CompletionColumnName,
            ReasoningColumnName = o.ReasoningColumnName, AnswerColumnName = o.AnswerColumnName,
            MaxNewTokens = sampling.MaxNewTokens, Temperature = sampling.Greedy ? 0 : sampling.Temperature, TopP = sampling.TopP,
            TopK = sampling.TopK, MinP = sampling.MinP, StopStrings = sampling.StopStrings.ToArray(), Seed = sampling.Seed,
            Samples = o.Samples, BatchSize = o.BatchSize, PromptTemplate = o.Prompt.Template.Name, CompletionPrefix = o.Prompt.CompletionPrefix,
            AnswerMatcherType = matcher.AssemblyQualifiedName!,
        };
    }

    /// <summary>The options saved here; a template that is not built in must be passed as <paramref name="template"/>.</summary>
    public ReasonOptions ToOptions(IChatTemplate? template)
    {
        var matcherType = Type.GetType(AnswerMatcherType)
            ?? throw new InvalidDataException($"{FileName}: answer matcher type '{AnswerMatcherType}' was not found (is its assembly loaded?).");
        return new()
        {
            PromptColumnName = PromptColumnName, CompletionColumnName = CompletionColumnName, ReasoningColumnName = ReasoningColumnName,
            AnswerColumnName = AnswerColumnName, Samples = Samples, BatchSize = BatchSize,
            Sampling = new SamplingOptions
            {
                MaxNewTokens = MaxNewTokens, Temperature = Temperature, TopP = TopP, TopK = TopK, MinP = MinP, StopStrings = StopStrings, Seed = Seed,
            },
            Prompt = new PromptFormat(ResolveTemplate(template), CompletionPrefix),
            AnswerMatcher = (IAnswerMatcher)Activator.CreateInstance(matcherType)!,
        };
    }

    private IChatTemplate ResolveTemplate(IChatTemplate? template)
    {
        if (template is not null)
        {
            if (!string.Equals(template.Name, PromptTemplate, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException(
                    $"The model was saved with the prompt template '{PromptTemplate}', but the template passed is '{template.Name}'.",
                    nameof(template));
            return template;
        }
        if (ChatTemplate.Names.Contains(PromptTemplate, StringComparer.OrdinalIgnoreCase)) return ChatTemplate.FromName(PromptTemplate);
        throw new InvalidDataException($"{FileName}: the model uses the custom prompt template '{PromptTemplate}'. " +
                                       "Pass that IChatTemplate to ReasoningModel.Load(path, policyOptions, template).");
    }
}
