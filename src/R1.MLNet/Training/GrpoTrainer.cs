using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using R1.Rewards.Composition;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Engines;

namespace R1.MLNet.Training;

/// <summary>
/// Group Relative Policy Optimization (DeepSeekMath; DeepSeek-R1): per step, sample G completions for each of P prompts from the
/// current policy, score them with the rewards, normalise rewards within each group into advantages, and run μ passes of the
/// clipped-ratio objective minus β·KL to a frozen reference
/// (under LoRA, <see cref="GrpoOptions.Lora"/>, the base with the adapters switched off). Updates the given <see cref="Policy"/> in place.
/// </summary>
/// <example><code>
/// var options = new GrpoOptions { MaxSteps = 60, Optimizer = { LearningRate = 1e-4 } };
/// var trainer = new GrpoTrainer(policy, scorer, options, PromptFormat.R1Zero, logger);
/// GrpoResult result = trainer.Train(trainExamples, heldOut);
/// </code></example>
public sealed class GrpoTrainer
{
    private readonly Policy _policy;
    private readonly IRewardScorer _rewards;
    private readonly GrpoOptions _options;
    private readonly PromptFormat _prompt;
    private readonly ILogger _logger;

    /// <summary>Creates a trainer. The options are validated and copied here.</summary>
    /// <param name="policy">The policy to train in place.</param>
    /// <param name="rewards">The reward pipeline.</param>
    /// <param name="options">The hyper-parameters.</param>
    /// <param name="prompt">How questions become model input, for rollouts and evaluation. Default <see cref="PromptFormat.R1Zero"/>.</param>
    /// <param name="logger">Receives per-step summaries and warnings. Default none.</param>
    /// <exception cref="ArgumentException">An option is out of range, or the policy is a frozen clone.</exception>
    public GrpoTrainer(Policy policy, IRewardScorer rewards, GrpoOptions options, PromptFormat? prompt = null, ILogger? logger = null)
    {
        _policy = TrainablePolicy.Require(policy);
        _rewards = rewards ?? throw new ArgumentNullException(nameof(rewards));
        _options = options?.Clone() ?? throw new ArgumentNullException(nameof(options));
        _options.Validate();
        TrainablePolicy.RequirePrecision(_policy, _options.Memory.Precision, nameof(GrpoOptions));
        _prompt = prompt ?? PromptFormat.R1Zero;
        _logger = logger ?? NullLogger.Instance;
        CheckEngine(_options, _policy);
    }

    /// <summary>
    /// Runs <see cref="GrpoOptions.MaxSteps"/> steps (resuming from a checkpoint when <see cref="CheckpointOptions.ResumeFrom"/> is set).
    /// Cancellation stops at the next step boundary and writes a checkpoint when a checkpoint folder is configured.
    /// </summary>
    /// <param name="train">Training prompts with their reference answers.</param>
    /// <param name="eval">Held-out examples for periodic and final evaluation; optional.</param>
    /// <param name="ct">Stops the run at a step boundary.</param>
    /// <exception cref="InvalidOperationException">
    /// <see cref="TrainingMemoryOptions.BudgetGiB"/> is set and the memory planner's estimate exceeds it (before any step).
    /// </exception>
    public GrpoResult Train(IReadOnlyList<ReasoningExample> train, IReadOnlyList<ReasoningExample>? eval = null, CancellationToken ct = default)
    {
        CheckExamples(train, nameof(train));
        if (eval is { Count: 0 }) eval = null;
        if (eval is not null) CheckExamples(eval, nameof(eval));
        int longestPrompt = CheckPromptLengths(train, nameof(train));
        if (eval is not null) CheckPromptLengths(eval, nameof(eval));
        MemoryBudget.CheckGrpo(_policy.Config, _options, longestPrompt, _logger);
        if (_options.Rollout.IsRemote)                                      // before any step: nothing is written on a mismatch
            _options.Rollout.Engine!.ValidateAsync(
                new RolloutEngineRequirements(longestPrompt + _options.Sampling.MaxNewTokens, _policy.Tokenizer.VocabSize), ct)
                .GetAwaiter().GetResult();
        bool checkpointing = _policy.Model.GradientCheckpointing;
        _policy.Model.GradientCheckpointing = _options.Memory.GradientCheckpointing;
        try { return Run(train, eval, ct); }
        finally { _policy.Model.GradientCheckpointing = checkpointing; }
    }

    private GrpoResult Run(IReadOnlyList<ReasoningExample> train, IReadOnlyList<ReasoningExample>? eval, CancellationToken ct)
    {
        var o = _options;
        LoraSetup.Apply(_policy, o.Lora, "GRPO", _logger);
        using var reference = KlReference.For(_policy, o.Loss.Beta);
        using var optimizer = new TrainingOptimizer(_policy.Model.parameters(), o.Optimizer, o.MaxSteps, o.Memory.Precision);
        var checkpoints = new TrainerCheckpoints(o.Checkpoints, "grpo", "GRPO", o.EffectiveSeed, _logger);
        int start = checkpoints.Resume(_policy, optimizer, reference?.StoredCopy);
        using var metricsFile = o.MetricsPath is null ? null : new MetricsJsonlWriter(o.MetricsPath, keepThroughStep: start);
        var order = new PromptOrder(train.Count, o.EffectiveSeed);
        IReadOnlyList<ReasoningExample> BatchOf(int s) => order.Batch(s, o.PromptsPerStep).Select(i => train[i]).ToList();
        using var source = new RolloutSource(_policy, new CompletionSampler(_policy, _prompt), o, BatchOf, _logger);
        var step = new GrpoStep(_policy, reference, _rewards, o, source, optimizer, _logger);
        var evaluator = new ReasoningEvaluator(_policy, _rewards, _prompt, o.AccuracyRewards);
        var evalSet = eval is null || o.Evaluation.MaxExamples <= 0 ? eval : eval.Take(o.Evaluation.MaxExamples).ToList();
        int maxNewTokens = o.Sampling.MaxNewTokens;
        var history = new List<GrpoStepMetrics>();
        string? checkpoint = null;
        int checkpointStep = -1, done = start;
        _logger.LogInformation("GRPO: {Steps} steps from step {Start}, {P} prompts x G={G}, lr {Lr}, beta {Beta}, mu {Mu}",
            o.MaxSteps, start, o.PromptsPerStep, o.NumGenerations, o.Optimizer.LearningRate, o.Loss.Beta, o.NumIterations);
        for (int s = start; s < o.MaxSteps && !ct.IsCancellationRequested; s++)
        {
            var batch = BatchOf(s);
            LoraSetup.SeedDropout(_policy, o.EffectiveSeed, s);
            GrpoStepMetrics metrics;
            try { metrics = step.Run(s, batch); }                              // a started step always completes
            catch (RolloutEngineException e)                                   // the rollouts failed before the step changed anything
            {
                if (checkpoints.Enabled && done > start && checkpointStep != done)
                    (checkpoint, checkpointStep) = (checkpoints.Save(done, _policy, optimizer, reference?.StoredCopy), done);
                throw RolloutFailure(s, done, checkpointStep == done ? checkpoint : null, e);
            }
            done = s + 1;
            if (evalSet is not null && o.Evaluation.Every > 0 && done % o.Evaluation.Every == 0 && done < o.MaxSteps)
            {
                var evaluation = evaluator.Evaluate(evalSet, maxNewTokens);
                metrics = metrics with { EvalAccuracy = evaluation.Accuracy, EvalAccuracyByTaskType = evaluation.AccuracyByTaskType };
            }
            Report(metrics, metricsFile);
            history.Add(metrics);
            if (o.Checkpoints.Every > 0 && done % o.Checkpoints.Every == 0)
                (checkpoint, checkpointStep) = (checkpoints.Save(done, _policy, optimizer, reference?.StoredCopy), done);
        }
        bool cancelled = done < o.MaxSteps;
        if (checkpoints.Enabled && (o.Checkpoints.Every > 0 || cancelled) && checkpointStep != done)
            checkpoint = checkpoints.Save(done, _policy, optimizer, reference?.StoredCopy);
        if (cancelled) _logger.LogWarning("GRPO cancelled after step {Step}; checkpoint: {Checkpoint}", done, checkpoint ?? "none");
        if (o.Rollout.IsRemote)
            _logger.LogInformation("GRPO rollouts on the engine: {Pushes} weight pushes ({Sync:F1}s), {Overlap:F1}s of generation hidden " +
                                   "behind learning", source.Pushes, history.Sum(m => m.SyncSeconds), source.OverlapSeconds);
        var final = evalSet is null || cancelled ? null : evaluator.Evaluate(evalSet, maxNewTokens);
        if (final is not null)
        {
            _logger.LogInformation("GRPO held-out accuracy after {Step} steps: {Accuracy:P1}", done, final.Accuracy);
            if (final.AccuracyByTaskType.Count > 0)
                _logger.LogInformation("GRPO held-out accuracy by task type: {ByTaskType}", Format(final.AccuracyByTaskType));
            if (history.Count > 0)
                history[^1] = history[^1] with { EvalAccuracy = final.Accuracy, EvalAccuracyByTaskType = final.AccuracyByTaskType };
        }
        return new GrpoResult(history, done, cancelled, checkpoint, final);
    }

    private void Report(GrpoStepMetrics m, MetricsJsonlWriter? file)
    {
        file?.Write(m);
        _options.Progress?.Report(m);
        _logger.LogInformation(
            "step {Step}/{Total} reward {Reward:F3}±{Std:F3} acc {Accuracy:P1} kl {Kl:F4} clip {Clip:P1} H {Entropy:F3} " +
            "len {Length:F1} zero-std {ZeroStd:P0} missing {Missing}{ByTask} " +
            "| rollout {Rollout:F1}s score {Score:F2}s learn {Learn:F1}s{Engine}{Eval}",
            m.Step, m.TotalSteps, m.RewardMean, m.RewardStd, m.Accuracy, m.Kl, m.ClipFraction, m.Entropy, m.CompletionLength, m.ZeroStdFraction,
            m.MissingRewards, m.ByTaskType.Count == 0 ? "" : " | " + string.Join(" ", m.ByTaskType.Select(t =>
                $"{t.Key}: reward {t.Value.RewardMean:F3} acc {t.Value.Accuracy:P1}")),
            m.RolloutSeconds, m.ScoringSeconds, m.LearningSeconds,
            _options.Rollout.IsRemote ? $" | sync {m.SyncSeconds:F2}s wait {m.RolloutWaitSeconds:F1}s overlap {m.RolloutOverlapSeconds:F1}s " +
                                        $"lag {m.PolicyLag}" : "",
            m.EvalAccuracy is { } e ? $" | eval {e:P1}" : "");
    }

    /// <summary>The error that stops a run whose rollouts failed: the step, the checkpoint to resume from, and how.</summary>
    private static InvalidOperationException RolloutFailure(int step, int done, string? checkpoint, RolloutEngineException error) =>
        new($"GRPO stopped: the rollouts of step {step + 1} failed on the rollout engine after its retries ({error.Message}). " +
            $"{done} step(s) are complete; checkpoint: {checkpoint ?? "none written (set Checkpoints.Directory to be able to resume)"}. " +
            "Bring the servers back and train again with Checkpoints.ResumeFrom = \"latest\" to continue.", error);

    /// <summary>A remote engine must be able to take the weights: LoRA adapters need an <see cref="ILoraRolloutEngine"/>, full fine-tuning a
    /// <see cref="RolloutOptions.ReloadFullWeights"/> hook.</summary>
    private static void CheckEngine(GrpoOptions options, Policy policy)
    {
        var rollout = options.Rollout;
        if (!rollout.IsRemote) return;
        bool lora = options.Lora is not null || policy.Lora is not null;
        if (lora && rollout.Engine is not ILoraRolloutEngine)
            throw new ArgumentException($"GrpoOptions.Rollout.Engine ({rollout.Engine!.GetType().Name}) cannot take LoRA adapters: use an " +
                                        "ILoraRolloutEngine such as OpenAiCompatibleRolloutEngine.", nameof(options));
        if (!lora && rollout.ReloadFullWeights is null)
            throw new ArgumentException("GRPO with a remote Rollout.Engine must push the trained weights to it: set GrpoOptions.Lora (the " +
                                        "adapters are loaded on the servers at run time) or GrpoOptions.Rollout.ReloadFullWeights (called with " +
                                        "the policy saved as a Hugging Face folder, e.g. to restart the servers on it).", nameof(options));
    }

    private static string Format(IReadOnlyDictionary<string, double> accuracy) =>
        string.Join(", ", accuracy.Select(a => $"{a.Key} {a.Value:P1}"));

    /// <summary>
    /// Every prompt must leave room for at least one new token in the model's context; names the first that does not. Returns the
    /// longest formatted prompt's token count.
    /// </summary>
    private int CheckPromptLengths(IReadOnlyList<ReasoningExample> examples, string name)
    {
        int context = _policy.Config.MaxPositionEmbeddings, longest = 0;
        for (int i = 0; i < examples.Count; i++)
        {
            int tokens = _policy.Tokenizer.Encode(_prompt.Render(examples[i].Prompt)).Count;
            longest = Math.Max(longest, tokens);
            if (tokens + 1 > context)
                throw new ArgumentException(
                    $"{name}[{i}]: the formatted prompt is {tokens} tokens, but the model's context is {context} (max_position_embeddings) " +
                    "and generation needs at least one more. Shorten or drop the example.", name);
        }
        return longest;
    }

    private static void CheckExamples(IReadOnlyList<ReasoningExample>? examples, string name)
    {
        ArgumentNullException.ThrowIfNull(examples, name);
        if (examples.Count == 0) throw new ArgumentException("GRPO needs at least one training prompt.", name);
        for (int i = 0; i < examples.Count; i++)
            if (examples[i] is null || string.IsNullOrWhiteSpace(examples[i].Prompt))
                throw new ArgumentException($"Example {i} has an empty prompt.", name);
    }
}
