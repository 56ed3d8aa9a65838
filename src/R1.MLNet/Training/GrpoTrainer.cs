using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using R1.Rewards.Composition;
using R1.Rollout;
using TorchSharp.Modules;

namespace R1.MLNet.Training;

/// <summary>
/// Group Relative Policy Optimization (DeepSeekMath; DeepSeek-R1): per step, sample G completions for each of P prompts from the
/// current policy, score them with the rewards, normalise rewards within each group into advantages, and run μ passes of the
/// clipped-ratio objective minus β·KL to a frozen reference. Updates the given <see cref="Policy"/> in place.
/// </summary>
/// <example><code>
/// var trainer = new GrpoTrainer(policy, scorer, new GrpoOptions { MaxSteps = 60, LearningRate = 1e-4 }, logger);
/// GrpoResult result = trainer.Train(trainExamples, heldOut);
/// </code></example>
public sealed class GrpoTrainer
{
    private readonly Policy _policy;
    private readonly IRewardScorer _rewards;
    private readonly GrpoOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a trainer. The options are validated here.</summary>
    /// <exception cref="ArgumentException">An option is out of range, or the policy is a frozen clone.</exception>
    public GrpoTrainer(Policy policy, IRewardScorer rewards, GrpoOptions options, ILogger? logger = null)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _rewards = rewards ?? throw new ArgumentNullException(nameof(rewards));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger.Instance;
        _options.Validate();
        if (policy.IsFrozen) throw new ArgumentException("The policy is a frozen clone (no gradients); train the original.", nameof(policy));
    }

    /// <summary>
    /// Runs <see cref="GrpoOptions.MaxSteps"/> steps (resuming from a checkpoint when <see cref="GrpoOptions.ResumeFrom"/> is set).
    /// Cancellation stops at the next step boundary and writes a checkpoint when a checkpoint folder is configured.
    /// </summary>
    /// <param name="train">Training prompts with their reference answers.</param>
    /// <param name="eval">Held-out examples for periodic and final evaluation; optional.</param>
    /// <param name="ct">Stops the run at a step boundary.</param>
    public GrpoResult Train(IReadOnlyList<ReasoningExample> train, IReadOnlyList<ReasoningExample>? eval = null, CancellationToken ct = default)
    {
        CheckExamples(train, nameof(train));
        if (eval is { Count: 0 }) eval = null;
        if (eval is not null) CheckExamples(eval, nameof(eval));
        var o = _options;
        var parameters = _policy.Model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => (p.name, p.parameter)).ToList();
        using var reference = o.Beta > 0 ? _policy.CloneFrozen() : null;
        using var optimizer = new AdamWOptimizer(parameters, o.AdamBeta1, o.AdamBeta2, 1e-8, o.WeightDecay);
        var referenceParameters = reference?.Model.named_parameters().Select(p => (p.name, p.parameter)).ToList();
        int start = Resume(parameters, optimizer, referenceParameters);
        using var metricsFile = o.MetricsPath is null ? null : new MetricsJsonlWriter(o.MetricsPath, append: start > 0);
        var step = new GrpoStep(_policy, reference, _rewards, o, optimizer, _logger);
        var evaluator = new ReasoningEvaluator(_policy, _rewards, o.PromptFormatter, o.AccuracyReward, o.CompletionPrefix);
        var evalSet = eval is null || o.EvalMaxExamples <= 0 ? eval : eval.Take(o.EvalMaxExamples).ToList();
        var order = new PromptOrder(train.Count, o.Seed);
        var history = new List<GrpoStepMetrics>();
        string? checkpoint = null;
        int done = start;
        _logger.LogInformation("GRPO: {Steps} steps from step {Start}, {P} prompts x G={G}, lr {Lr}, beta {Beta}, mu {Mu}",
            o.MaxSteps, start, o.PromptsPerStep, o.NumGenerations, o.LearningRate, o.Beta, o.NumIterations);
        for (int s = start; s < o.MaxSteps && !ct.IsCancellationRequested; s++)
        {
            var batch = order.Batch(s, o.PromptsPerStep).Select(i => train[i]).ToList();
            var metrics = step.Run(s, batch);                                  // a started step always completes
            done = s + 1;
            if (evalSet is not null && o.EvalEvery > 0 && done % o.EvalEvery == 0 && done < o.MaxSteps)
                metrics = metrics with { EvalAccuracy = evaluator.Evaluate(evalSet, o.MaxCompletionLength).Accuracy };
            Report(metrics, metricsFile);
            history.Add(metrics);
            if (o.CheckpointEvery > 0 && done % o.CheckpointEvery == 0) checkpoint = SaveCheckpoint(done, parameters, optimizer, referenceParameters);
        }
        bool cancelled = done < o.MaxSteps;
        if (o.CheckpointDirectory is not null && (o.CheckpointEvery > 0 || cancelled) && checkpoint?.EndsWith($"{done:D6}", StringComparison.Ordinal) != true)
            checkpoint = SaveCheckpoint(done, parameters, optimizer, referenceParameters);
        if (cancelled) _logger.LogWarning("GRPO cancelled after step {Step}; checkpoint: {Checkpoint}", done, checkpoint ?? "none");
        var final = evalSet is null || cancelled ? null : evaluator.Evaluate(evalSet, o.MaxCompletionLength);
        if (final is not null)
        {
            _logger.LogInformation("GRPO held-out accuracy after {Step} steps: {Accuracy:P1}", done, final.Accuracy);
            if (history.Count > 0) history[^1] = history[^1] with { EvalAccuracy = final.Accuracy };
        }
        return new GrpoResult(history, done, cancelled, checkpoint, final);
    }

    private int Resume(IReadOnlyList<(string, Parameter)> parameters, AdamWOptimizer optimizer, IReadOnlyList<(string, Parameter)>? reference)
    {
        if (_options.ResumeFrom is not { } from) return 0;
        string? folder = from == "latest" ? TrainerCheckpoint.Latest(_options.CheckpointDirectory!) : from;
        if (folder is null)
        {
            _logger.LogInformation("GRPO: no checkpoint in {Directory}; starting from step 0", _options.CheckpointDirectory);
            return 0;
        }
        var state = TrainerCheckpoint.Read(folder, parameters, optimizer, reference);
        if (state.Trainer != "grpo") throw new InvalidDataException($"'{folder}' is a {state.Trainer} checkpoint, not a GRPO one.");
        if (state.Seed != _options.Seed) _logger.LogWarning("Resuming a run seeded {Saved} with seed {Seed}: the continuation will differ from the original run", state.Seed, _options.Seed);
        _logger.LogInformation("GRPO: resumed from {Folder} at step {Step}", folder, state.Step);
        return state.Step;
    }

    private string SaveCheckpoint(int step, IReadOnlyList<(string, Parameter)> parameters, AdamWOptimizer optimizer, IReadOnlyList<(string, Parameter)>? reference)
    {
        string folder = TrainerCheckpoint.Write(_options.CheckpointDirectory!, new TrainerState(step, _options.Seed, "grpo"), parameters, optimizer, _policy.Save, reference);
        _logger.LogInformation("GRPO checkpoint: {Folder}", folder);
        return folder;
    }

    private void Report(GrpoStepMetrics m, MetricsJsonlWriter? file)
    {
        file?.Write(m);
        _options.Progress?.Report(m);
        _logger.LogInformation(
            "step {Step}/{Total} reward {Reward:F3}±{Std:F3} acc {Accuracy:P1} kl {Kl:F4} clip {Clip:P1} H {Entropy:F3} len {Length:F1} zero-std {ZeroStd:P0} " +
            "| rollout {Rollout:F1}s score {Score:F2}s learn {Learn:F1}s{Eval}",
            m.Step, m.TotalSteps, m.RewardMean, m.RewardStd, m.Accuracy, m.Kl, m.ClipFraction, m.Entropy, m.CompletionLength, m.ZeroStdFraction,
            m.RolloutSeconds, m.ScoringSeconds, m.LearningSeconds, m.EvalAccuracy is { } e ? $" | eval {e:P1}" : "");
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
