using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rollout;
using R1.Rollout.ChatTemplates;

namespace R1.MLNet.Recipe;

/// <summary>
/// DeepSeek-R1's multi-stage recipe from plain C#: (1) cold-start SFT, (2) reasoning RL (GRPO with the reasoning rewards),
/// (3) rejection sampling from the RL checkpoint plus non-reasoning rows, and SFT on them (optionally from the base model),
/// (4) RL for all scenarios (GRPO with the routed rewards). A <see langword="null"/> stage option skips that stage. Each stage
/// starts from the previous stage's saved policy and leaves its own in the work directory, with a record written last; a run
/// with the same work directory loads completed stages and resumes the stopped one from its trainer checkpoints (or, in stage 3,
/// from the sampler's JSONL file). After every stage the policy is evaluated on the held-out data, per task type.
/// </summary>
/// <example><code>
/// var recipe = new R1Recipe(mathRewards, routedRewards, new R1RecipeOptions
/// {
///     WorkDirectory = "runs/r1", ColdStart = new SftOptions { MaxSteps = 50 }, ReasoningRl = new GrpoOptions { MaxSteps = 40 },
///     RejectionSampling = new RejectionSamplingStageOptions(), AllScenariosRl = new GrpoOptions { MaxSteps = 20 },
/// }, logger);
/// R1RecipeResult result = recipe.Run(basePolicy, data);
/// using var final = Policy.Load(result.FinalPolicyFolder);
/// </code></example>
public sealed class R1Recipe
{
    private readonly IRewardScorer _reasoningRewards, _allScenarioRewards;
    private readonly R1RecipeOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a recipe; the options are validated and copied here.</summary>
    /// <param name="reasoningRewards">Stage 2's rewards (rule rewards such as math accuracy and format).</param>
    /// <param name="allScenarioRewards">
    /// The rewards of every scenario, routed by task type: stage 3 judges correctness with them, stage 4 trains on them, and every
    /// held-out evaluation scores with them.
    /// </param>
    /// <param name="options">The stages and the work directory.</param>
    /// <param name="logger">Receives the stage boundaries and the trainers' progress. Default none.</param>
    public R1Recipe(IRewardScorer reasoningRewards, IRewardScorer allScenarioRewards, R1RecipeOptions options, ILogger? logger = null)
    {
        _reasoningRewards = reasoningRewards ?? throw new ArgumentNullException(nameof(reasoningRewards));
        _allScenarioRewards = allScenarioRewards ?? throw new ArgumentNullException(nameof(allScenarioRewards));
        _options = options?.Clone() ?? throw new ArgumentNullException(nameof(options));
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The stages this recipe runs, in order, the base first.</summary>
    public IReadOnlyList<RecipeStage> Stages =>
    [
        RecipeStage.Base,
        .. _options.ColdStart is null ? Array.Empty<RecipeStage>() : [RecipeStage.ColdStart],
        .. _options.ReasoningRl is null ? Array.Empty<RecipeStage>() : [RecipeStage.ReasoningRl],
        .. _options.RejectionSampling is null ? Array.Empty<RecipeStage>() : [RecipeStage.RejectionSamplingSft],
        .. _options.AllScenariosRl is null ? Array.Empty<RecipeStage>() : [RecipeStage.AllScenariosRl],
    ];

    /// <summary>
    /// Runs (or resumes) every configured stage from <paramref name="basePolicy"/>, which is saved as the base and not changed.
    /// Cancellation stops the running stage at its next step or batch boundary (writing a trainer checkpoint) and throws
    /// <see cref="OperationCanceledException"/>; running again with the same work directory resumes there.
    /// </summary>
    /// <exception cref="ArgumentException">The data a configured stage needs is missing.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public R1RecipeResult Run(Policy basePolicy, R1RecipeData data, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(basePolicy);
        ArgumentNullException.ThrowIfNull(data);
        data.Validate(_options);
        var work = new RecipeWorkDirectory(_options.WorkDirectory!, _logger);
        var context = new RecipeStageContext(work, basePolicy.Options, data, ct);
        var results = new List<RecipeStageResult>();
        bool running = false;
        foreach (var stage in Stages)
        {
            ct.ThrowIfCancellationRequested();
            if (!running && work.TryLoad(stage) is { } record)
            {
                _logger.LogInformation("Recipe: stage {Stage} is complete in {Folder}; loaded", stage, work.StageFolder(stage));
                results.Add(Loaded(work, record));
                _options.Progress?.Report(results[^1]);
                continue;
            }
            if (!running) work.ClearAfter(stage);
            running = true;
            results.Add(RunStage(stage, context, basePolicy, results.Count > 0 ? results[^1].PolicyFolder : null));
            _options.Progress?.Report(results[^1]);
        }
        _logger.LogInformation("Recipe: done; final policy {Folder}", results[^1].PolicyFolder);
        return new R1RecipeResult(results);
    }

    /// <summary>
    /// The evaluation the recipe runs after every stage, for any policy (a student, a baseline): greedy completions of
    /// <paramref name="heldOut"/>, each task type judged by its accuracy reward in <paramref name="options"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="heldOut"/> is empty.</exception>
    public static RecipeEvaluation Evaluate(Policy policy, IRewardScorer rewards, IReadOnlyList<ReasoningExample> heldOut,
        RecipeEvaluationOptions? options = null, PromptFormat? prompt = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentNullException.ThrowIfNull(heldOut);
        if (heldOut.Count == 0) throw new ArgumentException("Nothing to evaluate: the held-out list is empty.", nameof(heldOut));
        options ??= new RecipeEvaluationOptions();
        options.Validate();
        return RecipeEvaluator.Evaluate(policy, rewards, prompt ?? PromptFormat.R1Zero, heldOut, options)!;
    }

    private RecipeStageResult RunStage(RecipeStage stage, RecipeStageContext context, Policy basePolicy, string? input)
    {
        var work = context.Work;
        Directory.CreateDirectory(work.StageFolder(stage));
        _logger.LogInformation("Recipe: stage {Stage} starts in {Folder}", stage, work.StageFolder(stage));
        var clock = Stopwatch.StartNew();
        var steps = new RecipeStageSteps(_allScenarioRewards, _options, _logger);
        var (policy, result) = stage switch
        {
            RecipeStage.Base => (null, new RecipeStageResult { Stage = stage, Folder = "", PolicyFolder = "" }),
            RecipeStage.ColdStart => steps.ColdStart(context, input!),
            RecipeStage.ReasoningRl => steps.Grpo(stage, _options.ReasoningRl!, _reasoningRewards, context.Data.ReasoningPrompts, context, input!),
            RecipeStage.RejectionSamplingSft => steps.RejectionSamplingSft(context, input!),
            _ => steps.Grpo(stage, _options.AllScenariosRl!, _allScenarioRewards, context.Data.AllScenariosPrompts, context, input!),
        };
        using (policy)
        {
            var trained = policy ?? basePolicy;
            double seconds = clock.Elapsed.TotalSeconds;
            trained.Save(work.PolicyFolder(stage));
            var evaluation = RecipeEvaluator.Evaluate(trained, _allScenarioRewards, _options.Prompt, context.Data.HeldOut, _options.Evaluation);
            work.Write(new RecipeStageRecord
            {
                Stage = stage, CompletedAt = DateTimeOffset.UtcNow, Steps = result.Steps, Seconds = seconds, Evaluation = evaluation,
                RejectionSampling = result.RejectionSampling, SftRows = result.SftRows,
            });
            _logger.LogInformation("Recipe: stage {Stage} done in {Seconds:F1}s; held-out accuracy {Accuracy}", stage, seconds,
                evaluation is null ? "n/a" : evaluation.Accuracy.ToString("P1", System.Globalization.CultureInfo.InvariantCulture));
            return result with
            {
                Folder = work.StageFolder(stage), PolicyFolder = work.PolicyFolder(stage), Seconds = seconds, Evaluation = evaluation,
            };
        }
    }

    private static RecipeStageResult Loaded(RecipeWorkDirectory work, RecipeStageRecord record) => new()
    {
        Stage = record.Stage, Folder = work.StageFolder(record.Stage), PolicyFolder = work.PolicyFolder(record.Stage), Loaded = true,
        Steps = record.Steps, Seconds = record.Seconds, Evaluation = record.Evaluation, RejectionSampling = record.RejectionSampling,
        SftRows = record.SftRows, SamplesPath = record.Stage == RecipeStage.RejectionSamplingSft ? RecipeStageSteps.SamplesPath(work) : null,
    };
}
