using R1.Rollout.Scoring;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using R1.Rewards.Composition;
using R1.Rollout;
using R1.Rollout.Generation;
using TorchSharp;
using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>
/// One GRPO step: 1. sample G completions per prompt from π_old (the current policy); 2. score them; 3. group-normalise
/// the rewards into advantages; 4. μ optimisation passes of <see cref="GrpoLoss"/> over that batch.
/// </summary>
internal sealed class GrpoStep(Policy policy, KlReference? reference, IRewardScorer rewards, GrpoOptions options, RolloutSource source,
    TrainingOptimizer optimizer, ILogger logger)
{
    private readonly GrpoLossSettings _loss = WithLength(options.Loss, options.Sampling.MaxNewTokens);
    private readonly bool _engineOldLogProbs = EngineOldLogProbs(options, logger);

    public GrpoStepMetrics Run(int step, IReadOnlyList<ReasoningExample> prompts)
    {
        using var scope = NewDisposeScope();
        int g = options.NumGenerations;
        var clock = Stopwatch.StartNew();

        // 1. Rollout: P×G completions (in one batched, KV-cached generate call, or from the remote engine), then π_old and the
        // reference log-probs. π_old: the engine's log-probs of the weights that sampled (remote, OldLogProbs Engine), else re-scored
        // here with the current weights before learning when μ > 1 (Local; with μ = 1 that is the first pass's log-probs, detached).
        var rollouts = source.Take(step, prompts);
        var completions = rollouts.Completions;
        var results = completions.Select(c => c.Generation).ToList();
        using var batch = ScoringBatch.Build(results.Select(r => r.PromptIds).ToList(), results.Select(r => r.CompletionIds).ToList(),
            policy.Tokenizer.PadId, policy.Device);
        var lossMask = LossMask(batch, results);
        Tensor? oldLogp;
        if (rollouts.Remote && _engineOldLogProbs)
            (oldLogp, lossMask) = EngineLogProbs.Build(results, batch, lossMask);
        else
            oldLogp = options.NumIterations > 1 ? NoGradLogProbs(policy, batch) : null;
        var refLogp = reference?.LogProbs(batch, options.Sampling.Temperature);
        double rolloutSeconds = Lap(clock) - rollouts.SyncSeconds;

        // 2. Rewards.
        var samples = completions.Select((c, i) => ReasoningEvaluator.ToRewardSample(prompts[i / g], c.Text)).ToList();
        var scores = rewards.ScoreAsync(samples).AsTask().GetAwaiter().GetResult();
        double scoringSeconds = Lap(clock);

        // 3. Group-relative advantages. A sample whose total lacks a failed reward gets advantage 0, stays out of its group's mean and
        // std, and is masked out of the loss; with every reward present this is the plain GrpoLoss.Advantages.
        var total = tensor(scores.Total.Select(x => (float)x).ToArray());
        Tensor advantages;
        if (!scores.TotalMissing.Contains(true))
            advantages = GrpoLoss.Advantages(total, g, options.Loss.ScaleRewards).to(policy.Device);
        else
        {
            var present = tensor(scores.TotalMissing.Select(m => m ? 0f : 1f).ToArray());
            advantages = GrpoLoss.MaskedAdvantages(total, present, g, options.Loss.ScaleRewards).to(policy.Device);
            lossMask = lossMask * present.to(policy.Device).unsqueeze(1);
            WarnMissing(step, scores);
        }

        // 4. μ passes of the clipped objective.
        var learn = Learn(step, batch, lossMask, oldLogp, refLogp, advantages);
        double learningSeconds = Lap(clock);

        var metrics = GrpoMetrics.Build(step, options, scores, results, learn, samples.Select(s => s.TaskType).ToList()) with
        {
            RolloutSeconds = rolloutSeconds, ScoringSeconds = scoringSeconds, LearningSeconds = learningSeconds,
            SyncSeconds = rollouts.SyncSeconds, RolloutWaitSeconds = rollouts.WaitSeconds, RolloutOverlapSeconds = rollouts.OverlapSeconds,
            PolicyLag = rollouts.PolicyLag,
            LearningTokens = batch.InputIds.numel() * options.NumIterations,
        };
        if (metrics.NoSignal)
            logger.LogWarning("GRPO step {Step}: no group carries a learning signal: within every group of {Group} the rewards are equal " +
                "(mean reward {Mean:0.###}), so every advantage is 0 and only the KL term moves the policy. Check that the rewards can tell " +
                "the completions apart (empty completions? a reward that is always 0?)", step + 1, g, metrics.RewardMean);
        return metrics;
    }

    /// <summary>One warning per step summarising the samples whose total lacks a reward.</summary>
    private void WarnMissing(int step, RewardBatchResult scores)
    {
        int missing = scores.TotalMissing.Count(m => m);
        string perReward = string.Join(", ", scores.RewardNames.Select((name, r) => (name, count: scores.MissingCount(r)))
            .Where(x => x.count > 0).Select(x => $"{x.name}: {x.count}"));
        logger.LogWarning("GRPO step {Step}: {Missing}/{Count} samples lack a reward ({PerReward}); they get advantage 0 and are left out of " +
            "their group's normalisation and of the loss", step + 1, missing, scores.TotalMissing.Count, perReward);
    }

    private LearnOutcome Learn(int step, ScoringBatch batch, Tensor lossMask, Tensor? oldLogp, Tensor? refLogp, Tensor advantages)
    {
        int rows = batch.Count, micro = rows / options.GradientAccumulationSteps;
        double totalTokens = lossMask.sum().ToDouble();
        double normalizer = GrpoLoss.Normalizer(lossMask, _loss);          // one denominator for every micro-batch of the step
        var outcome = new LearnOutcome { LearningRate = optimizer.BeginStep(step) };
        if (totalTokens == 0)
        {
            logger.LogWarning("GRPO step {Step}: every completion is masked (truncated, or its reward is missing); skipping the update",
                step + 1);
            return outcome with { Skipped = true };
        }
        for (int pass = 0; pass < options.NumIterations; pass++)
        {
            optimizer.ZeroGrad();
            double loss = 0, kl = 0, clip = 0, entropy = 0;
            bool finite = true;
            for (int start = 0; start < rows && finite; start += micro)
            {
                using var scope = NewDisposeScope();
                using var part = batch.Slice(start, micro);
                var mask = lossMask.narrow(0, start, micro);
                var (logp, ent) = LogProbScorer.Compute(policy.Model, part, options.Sampling.Temperature, withEntropy: pass == 0);
                var old = oldLogp?.narrow(0, start, micro) ?? logp.detach();
                var output = GrpoLoss.Compute(logp, old, refLogp?.narrow(0, start, micro), mask, advantages.narrow(0, start, micro),
                    _loss, normalizer);
                double value = output.Loss.ToDouble();
                if (!double.IsFinite(value)) { finite = false; break; }
                output.Loss.backward();
                double tokens = mask.sum().ToDouble();
                loss += value;
                kl += output.Kl * tokens / totalTokens;
                clip += output.ClipFraction * tokens / totalTokens;
                if (ent is not null) entropy += (ent * part.CompletionMask).sum().ToDouble();
            }
            double norm = finite ? optimizer.ClipGradNorm() : double.NaN;
            if (pass == 0) outcome = outcome with { Kl = kl, Entropy = entropy / Math.Max(1, batch.CompletionMask.sum().ToDouble()) };
            if (!finite || !double.IsFinite(norm))
            {
                logger.LogWarning("GRPO step {Step}: non-finite {What}; skipping the update", step + 1, finite ? "gradient norm" : "loss");
                optimizer.ZeroGrad();
                return outcome with { Skipped = true, Loss = double.NaN, GradNorm = norm };
            }
            optimizer.Step();
            optimizer.ZeroGrad();
            outcome = outcome with { Loss = loss, ClipFraction = clip, GradNorm = norm };
        }
        return outcome;
    }

    /// <summary>The completion mask, with truncated completions zeroed when <see cref="GrpoLossSettings.MaskTruncatedCompletions"/> is on.</summary>
    private Tensor LossMask(ScoringBatch batch, IReadOnlyList<GenerationResult> results)
    {
        if (!_loss.MaskTruncatedCompletions) return batch.CompletionMask;
        var keep = tensor(results.Select(r => r.FinishReason == FinishReason.Length ? 0f : 1f).ToArray()).to(policy.Device);
        return batch.CompletionMask * keep.unsqueeze(1);
    }

    private Tensor NoGradLogProbs(Policy model, ScoringBatch batch)
    {
        using var noGrad = no_grad();
        return LogProbScorer.Compute(model.Model, batch, options.Sampling.Temperature).LogProbs;
    }

    /// <summary>
    /// Whether π_old comes from a remote engine's log-probs (<see cref="RolloutOptions.OldLogProbs"/>; Auto = Engine at temperature 1, the
    /// distribution servers report); logged once when the engine is remote.
    /// </summary>
    private static bool EngineOldLogProbs(GrpoOptions options, ILogger logger)
    {
        var o = options.Rollout;
        bool engine = o.OldLogProbs == OldLogProbSource.Engine || (o.OldLogProbs == OldLogProbSource.Auto && options.Sampling.Temperature == 1.0);
        if (o.IsRemote)
            logger.LogInformation("GRPO: pi_old from {Source} ({Setting}, sampling temperature {Temperature})",
                engine ? "the engine's log-probs" : "local re-scoring (Local)", o.OldLogProbs, options.Sampling.Temperature);
        return engine;
    }

    private static GrpoLossSettings WithLength(GrpoLossSettings loss, int maxNewTokens)
    {
        var resolved = loss.Clone();
        resolved.MaxCompletionLength ??= maxNewTokens;
        return resolved;
    }

    private static double Lap(Stopwatch clock)
    {
        double s = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return s;
    }
}

/// <summary>What the learning phase of a step measured.</summary>
internal sealed record LearnOutcome
{
    public double Loss { get; init; }
    public double Kl { get; init; }
    public double ClipFraction { get; init; }
    public double Entropy { get; init; }
    public double GradNorm { get; init; }
    public double LearningRate { get; init; }
    public bool Skipped { get; init; }
}
