using Microsoft.Extensions.Options;
using R1.Rewards.Abstractions;
using R1.Rewards.Format;

namespace R1.Rewards.Language;

/// <summary>
/// DeepSeek-R1's language-consistency reward: the share of the chain-of-thought words written in the target language's
/// script(s). The chain of thought is the <c>&lt;think&gt;</c> content (the whole completion without think tags). Words are counted
/// by <see cref="ScriptWordCounter"/> (math, numbers and LaTeX are neutral); the target comes from
/// <see cref="LanguageConsistencyOptions.TargetLanguage"/>, else <see cref="RewardSample.Language"/>, else the prompt's script.
/// Being script-based, it cannot tell apart languages that share a script (French and English score alike).
/// </summary>
public sealed class LanguageConsistencyReward : RewardBase
{
    /// <summary>The reward name, <c>language</c>.</summary>
    public const string RewardName = "language";

    private readonly LanguageConsistencyOptions _options;

    /// <summary>Creates the reward with <paramref name="options"/> (defaults when <see langword="null"/>).</summary>
    public LanguageConsistencyReward(LanguageConsistencyOptions? options = null)
    {
        _options = options ?? new LanguageConsistencyOptions();
        _options.Validate();
    }

    /// <summary>Creates the reward from DI options.</summary>
    public LanguageConsistencyReward(IOptions<LanguageConsistencyOptions> options) : this(options.Value) { }

    /// <inheritdoc />
    public override string Name => RewardName;

    /// <summary>The options in use.</summary>
    public LanguageConsistencyOptions Options => _options;

    /// <inheritdoc />
    protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Score(sample));

    /// <summary>Scores one sample.</summary>
    public RewardScore Score(RewardSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var (target, source) = ResolveTarget(sample);
        if (target == null) return RewardScore.NotApplicable("no target language: none configured and the prompt has no words to detect it from");
        if (!LanguageScripts.TryGetScripts(target, out var scripts)) return RewardScore.NotApplicable($"unknown target language '{target}'");

        string cot = ReasoningCompletion.Parse(sample).Reasoning ?? sample.Completion;
        return Score(cot, target, scripts, source);
    }

    /// <summary>Scores a chain of thought against <paramref name="targetLanguage"/> (an ISO 639-1 code).</summary>
    public RewardScore Score(string chainOfThought, string targetLanguage)
    {
        ArgumentNullException.ThrowIfNull(chainOfThought);
        if (!LanguageScripts.TryGetScripts(targetLanguage, out var scripts))
            throw new ArgumentException($"Unknown target language '{targetLanguage}'.", nameof(targetLanguage));
        return Score(chainOfThought, targetLanguage, scripts, "argument");
    }

    private RewardScore Score(string cot, string target, IReadOnlyList<Script> scripts, string source)
    {
        var counts = ScriptWordCounter.Count(cot, _options.NeutralizeMath);
        if (counts.Total < _options.MinWords)
            return RewardScore.NotApplicable($"{counts.Total} counted words in the chain of thought (need {_options.MinWords})");
        int inTarget = counts.CountIn(scripts);
        return RewardScore.Of((double)inTarget / counts.Total, $"{inTarget}/{counts.Total} words in {target} ({source}); {counts}");
    }

    private (string? Target, string Source) ResolveTarget(RewardSample sample)
    {
        if (!string.IsNullOrWhiteSpace(_options.TargetLanguage)) return (_options.TargetLanguage, "options");
        if (!string.IsNullOrWhiteSpace(sample.Language)) return (sample.Language, "sample");
        return (LanguageScripts.Detect(ScriptWordCounter.Count(sample.Prompt, _options.NeutralizeMath)), "detected from prompt");
    }
}
