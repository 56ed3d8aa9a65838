using Microsoft.ML;
using R1.MLNet.DataView;
using R1.MLNet.Grpo;
using R1.MLNet.Reason;
using R1.MLNet.Sft;
using R1.Rollout;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.MLNet;

/// <summary>
/// Where an estimator gets the policy it starts from.
/// <list type="bullet">
/// <item><see cref="FromPolicy"/> (or an implicit conversion from <see cref="Policy"/>): that instance, trained in place.</item>
/// <item><see cref="FromFolder"/>: a Hugging Face folder, loaded at each <c>Fit</c>.</item>
/// <item><see cref="FromScratch"/>: a new randomly initialized model from a <see cref="ModelConfig"/> and a tokenizer, at each <c>Fit</c>.</item>
/// <item><see cref="PreviousStep"/>: the policy of the step just before this one in an estimator chain. ML.NET's
/// <c>EstimatorChain.Fit</c> hands each estimator the data view produced by the previous fitted transformer; policy
/// transformers attach their policy to that view (<see cref="IPolicyCarrier"/>), so <c>Sft(...).Append(Grpo())</c> trains GRPO
/// on the SFT result.</item>
/// <item><see cref="FittedBy"/>: the policy of another estimator's latest fit, for chains where other steps
/// (or a cache checkpoint) sit between the two.</item>
/// </list>
/// </summary>
public sealed class PolicySource
{
    private readonly Func<IDataView, string, Policy> _resolve;
    private readonly string _description;

    private PolicySource(string description, Func<IDataView, string, Policy> resolve, bool createsPolicy = false)
    {
        _description = description;
        _resolve = resolve;
        CreatesPolicy = createsPolicy;
    }

    /// <summary>Whether each resolve creates a new policy (a folder or scratch source), which a step that only reads it may dispose.</summary>
    internal bool CreatesPolicy { get; }

    /// <summary>This policy instance. Training steps train it in place; the fitted transformer refers to the same object.</summary>
    public static PolicySource FromPolicy(Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new("the given Policy instance", (_, _) => policy);
    }

    /// <summary>A Hugging Face model folder (<c>config.json</c>, safetensors, tokenizer), loaded at each fit.</summary>
    public static PolicySource FromFolder(string folder, PolicyOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        return new($"the model folder '{folder}'", (_, _) => Policy.Load(folder, options), createsPolicy: true);
    }

    /// <summary>A randomly initialized model (seeded by <see cref="PolicyOptions.Seed"/>), created at each fit.</summary>
    public static PolicySource FromScratch(ModelConfig config, ITextTokenizer tokenizer, PolicyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(tokenizer);
        return new($"a new {config.ModelType} model ({config.NumHiddenLayers} layers, hidden {config.HiddenSize})",
            (_, _) => Policy.Create(config, tokenizer, options), createsPolicy: true);
    }

    /// <summary>The policy carried by the input data view, i.e. produced by the step just before this one in the chain.</summary>
    public static PolicySource PreviousStep { get; } = new("the previous step of the chain", FromInput);

    /// <summary>The policy of <paramref name="estimator"/>'s most recent fit (which must happen first, e.g. earlier in the same chain).</summary>
    public static PolicySource FittedBy(IPolicyEstimator estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return new($"the policy fitted by {estimator.GetType().Name}", (_, consumer) => estimator.FittedPolicy
            ?? throw new InvalidOperationException($"{consumer} starts from the policy fitted by a {estimator.GetType().Name}, " +
                "which has not been fitted yet. Put that estimator earlier in the chain."));
    }

    /// <summary>Uses <paramref name="policy"/> as <see cref="FromPolicy"/>.</summary>
    public static implicit operator PolicySource(Policy policy) => FromPolicy(policy);

    /// <summary>Gets the policy for <paramref name="consumer"/> (named in errors) fitting on <paramref name="input"/>.</summary>
    internal Policy Resolve(IDataView input, string consumer) => _resolve(input, consumer);

    /// <inheritdoc />
    public override string ToString() => _description;

    private static Policy FromInput(IDataView input, string consumer) =>
        (input as IPolicyCarrier)?.Policy
        ?? throw new InvalidOperationException(
            $"{consumer} uses PolicySource.PreviousStep, but its input ({input.GetType().Name}) does not come from a policy step. " +
            "Append it directly after Sft(...), Grpo(...) or Reason(...) (no cache checkpoint in between), " +
            "or set the policy explicitly (PolicySource.FromPolicy/FromFolder/FromScratch/FittedBy).");
}
