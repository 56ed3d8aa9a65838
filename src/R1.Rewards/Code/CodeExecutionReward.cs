using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using R1.Rewards.Abstractions;

namespace R1.Rewards.Code;

/// <summary>
/// Code accuracy: runs the completion's final code block against the sample's <see cref="RewardSample.Tests"/> in a
/// sandbox (<see cref="ICodeExecutor"/>) and scores the fraction of tests passed, or 1/0 for pass/fail
/// (<see cref="CodeExecutionOptions.ScoringMode"/>). A completion without code, or whose program fails, loops, crashes or
/// breaks a limit, scores 0 with a diagnostic; a sample without tests, or a sandbox that cannot run, is "not applicable".
/// The task's programming language may be given as <c>Extra["code_language"]</c>; only Python is supported.
/// </summary>
public sealed class CodeExecutionReward : RewardBase
{
    /// <summary>The reward's name: <c>code</c>.</summary>
    public const string RewardName = "code";

    /// <summary>The <see cref="RewardSample.Extra"/> key naming the task's programming language (default Python).</summary>
    public const string LanguageKey = "code_language";

    private readonly CodeExecutionOptions _options;
    private readonly ICodeExecutor _executor;
    private readonly ILogger _logger;

    /// <summary>Creates the reward over <paramref name="executor"/> (used by DI).</summary>
    [ActivatorUtilitiesConstructor]
    public CodeExecutionReward(IOptions<CodeExecutionOptions> options, ICodeExecutor executor, ILogger<CodeExecutionReward>? logger = null)
        : this(options.Value, executor, logger) { }

    /// <summary>Creates the reward; without an executor, a <see cref="LocalProcessExecutor"/> with the same options is used.</summary>
    public CodeExecutionReward(CodeExecutionOptions options, ICodeExecutor? executor = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _executor = executor ?? new LocalProcessExecutor(options, _logger);
    }

    /// <inheritdoc />
    public override string Name => RewardName;

    /// <inheritdoc />
    protected override int MaxDegreeOfParallelism => _options.MaxParallelProcesses;

    /// <inheritdoc />
    protected override async ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sample.Tests)) return RewardScore.NotApplicable("no tests for this sample");
        if (sample.Extra.TryGetValue(LanguageKey, out var taskLanguage) && !CodeBlockExtractor.IsPython(taskLanguage.ToLowerInvariant()))
            return RewardScore.NotApplicable($"programming language '{taskLanguage}' is not supported (only python)");
        var code = CodeBlockExtractor.Extract(sample.Completion);
        if (code == null) return RewardScore.Of(0, "no code in the completion");
        if (!CodeBlockExtractor.IsPython(code.Language)) return RewardScore.Of(0, $"the code block is '{code.Language}', expected python");

        bool split = _options.ScoringMode == CodeScoringMode.FractionOfTests;
        var result = await _executor.ExecuteAsync(new CodeExecutionRequest(code.Code, sample.Tests, sample.EntryPoint, split), cancellationToken)
            .ConfigureAwait(false);
        return Score(result);
    }

    private RewardScore Score(CodeExecutionResult result)
    {
        if (result.Outcome == CodeExecutionOutcome.SandboxError)
        {
            _logger.LogDebug("Code reward could not run a program: {Diagnostic}", result.Diagnostic);
            return RewardScore.Missing(result.Diagnostic);     // an infrastructure failure, not "does not apply": the scorer warns once
        }
        double value = _options.ScoringMode == CodeScoringMode.PassFail || result.TestCount == 0
            ? (result.AllPassed ? 1.0 : 0.0)
            : (double)result.Passed / result.TestCount;
        return RewardScore.Of(value, result.Diagnostic);
    }
}
