using R1.Rollout.Scoring;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using TorchSharp;
using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>
/// Supervised fine-tuning on (prompt, response) pairs with the loss on response tokens only: AdamW, warm-up then cosine (or
/// linear/constant) decay, gradient accumulation and clipping. Used for a cold start, for distillation and for pre-training the
/// tiny default model. Updates the given <see cref="Policy"/> in place.
/// </summary>
public sealed class SftTrainer
{
    private readonly Policy _policy;
    private readonly SftOptions _options;
    private readonly PromptFormat _prompt;
    private readonly ILogger _logger;

    /// <summary>Creates a trainer; the options are validated and copied here.</summary>
    /// <param name="policy">The policy to train in place.</param>
    /// <param name="options">The hyper-parameters.</param>
    /// <param name="prompt">How prompts become model input (the response follows it). Default <see cref="PromptFormat.R1Zero"/>.</param>
    /// <param name="logger">Receives progress and warnings. Default none.</param>
    public SftTrainer(Policy policy, SftOptions options, PromptFormat? prompt = null, ILogger? logger = null)
    {
        _options = options?.Clone() ?? throw new ArgumentNullException(nameof(options));
        _options.Validate();
        _policy = TrainablePolicy.Require(policy);
        TrainablePolicy.RequirePrecision(_policy, _options.Memory.Precision, nameof(SftOptions));
        _prompt = prompt ?? PromptFormat.R1Zero;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Trains on <paramref name="examples"/> (resuming from a checkpoint when <see cref="CheckpointOptions.ResumeFrom"/> is set);
    /// cancellation stops after the current step and writes a checkpoint when a checkpoint folder is configured.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// <see cref="TrainingMemoryOptions.BudgetGiB"/> is set and the memory planner's estimate exceeds it (before any step).
    /// </exception>
    public SftResult Train(IReadOnlyList<(string Prompt, string Response)> examples, CancellationToken ct = default)
    {
        var encoded = Encode(examples);
        MemoryBudget.CheckSft(_policy.Config, _options, encoded.Max(e => e.Prompt.Count + e.Response.Count),
            encoded.Max(e => e.Response.Count), _logger);
        bool checkpointing = _policy.Model.GradientCheckpointing;
        _policy.Model.GradientCheckpointing = _options.Memory.GradientCheckpointing;
        try { return Run(encoded, ct); }
        finally { _policy.Model.GradientCheckpointing = checkpointing; }
    }

    private SftResult Run(List<(IReadOnlyList<int> Prompt, IReadOnlyList<int> Response)> encoded, CancellationToken ct)
    {
        var o = _options;
        int perStep = o.BatchSize * o.GradientAccumulationSteps;
        int total = o.MaxSteps > 0 ? o.MaxSteps : o.Epochs * (int)Math.Ceiling(encoded.Count / (double)perStep);
        LoraSetup.Apply(_policy, o.Lora, "SFT", _logger);
        using var optimizer = new TrainingOptimizer(_policy.Model.parameters(), o.Optimizer, total, o.Memory.Precision);
        var checkpoints = new TrainerCheckpoints(o.Checkpoints, "sft", "SFT", o.EffectiveSeed, _logger);
        int start = checkpoints.Resume(_policy, optimizer, null);
        using var metricsFile = o.MetricsPath is null ? null : new MetricsJsonlWriter(o.MetricsPath, keepThroughStep: start);
        var order = new PromptOrder(encoded.Count, o.EffectiveSeed);
        var history = new List<SftStepMetrics>();
        _policy.Model.train();
        _logger.LogInformation("SFT: {Examples} examples, {Steps} steps of {PerStep} from step {Start}, lr {Lr}",
            encoded.Count, total, perStep, start, o.Optimizer.LearningRate);
        int step = start, checkpointStep = -1;
        for (; step < total && !ct.IsCancellationRequested; step++)
        {
            var clock = Stopwatch.StartNew();
            double lr = optimizer.BeginStep(step);
            var rows = order.Batch(step, perStep).Select(i => encoded[i]).ToList();
            LoraSetup.SeedDropout(_policy, o.EffectiveSeed, step);
            var (loss, tokens, norm) = Step(rows, optimizer);
            var m = new SftStepMetrics(step + 1, total, loss, lr, norm, tokens, clock.Elapsed.TotalSeconds);
            history.Add(m);
            if ((step + 1) % o.LogEvery == 0 || step + 1 == total)
            {
                metricsFile?.Write(m);
                o.Progress?.Report(m);
                _logger.LogInformation("sft step {Step}/{Total} (epoch {Epoch:F1}) loss {Loss:F4} lr {Lr:E2} |g| {Norm:F2} ({Seconds:F2}s)",
                    m.Step, total, m.Step * (double)perStep / encoded.Count, loss, lr, norm, m.Seconds);
            }
            if (o.Checkpoints.Every > 0 && (step + 1) % o.Checkpoints.Every == 0)
                (_, checkpointStep) = (checkpoints.Save(step + 1, _policy, optimizer, null), step + 1);
        }
        if (checkpoints.Enabled && (o.Checkpoints.Every > 0 || step < total) && checkpointStep != step)
            checkpoints.Save(step, _policy, optimizer, null);
        var tail = history.Skip(history.Count - Math.Max(1, history.Count / 10)).Where(h => double.IsFinite(h.Loss)).ToList();
        return new SftResult(history, step, tail.Count > 0 ? tail.Average(h => h.Loss) : double.NaN, step < total);
    }

    private (double Loss, int Tokens, double Norm) Step(IReadOnlyList<(IReadOnlyList<int> Prompt, IReadOnlyList<int> Response)> rows,
        TrainingOptimizer optimizer)
    {
        int tokens = rows.Sum(r => r.Response.Count);
        double loss = 0;
        optimizer.ZeroGrad();
        foreach (var chunk in rows.Chunk(_options.BatchSize))
        {
            using var scope = NewDisposeScope();
            using var batch = ScoringBatch.Build(chunk.Select(r => r.Prompt).ToList(), chunk.Select(r => r.Response).ToList(),
                _policy.Tokenizer.PadId, _policy.Device);
            var (logp, _) = LogProbScorer.Compute(_policy.Model, batch);
            var nll = -(logp * batch.CompletionMask).sum() / tokens;                    // token mean over the whole step
            double value = nll.ToDouble();
            if (!double.IsFinite(value))
            {
                _logger.LogWarning("SFT: non-finite loss; skipping the update");
                optimizer.ZeroGrad();
                return (double.NaN, tokens, double.NaN);
            }
            nll.backward();
            loss += value;
        }
        double norm = optimizer.ClipGradNorm();
        if (double.IsFinite(norm)) optimizer.Step();
        else _logger.LogWarning("SFT: non-finite gradient norm; skipping the update");
        optimizer.ZeroGrad();
        return (loss, tokens, norm);
    }

    private List<(IReadOnlyList<int> Prompt, IReadOnlyList<int> Response)> Encode(IReadOnlyList<(string Prompt, string Response)> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0) throw new ArgumentException("SFT needs at least one example.", nameof(examples));
        var tok = _policy.Tokenizer;
        int context = _policy.Config.MaxPositionEmbeddings;
        var result = new List<(IReadOnlyList<int>, IReadOnlyList<int>)>(examples.Count);
        for (int i = 0; i < examples.Count; i++)
        {
            var (prompt, response) = examples[i];
            if (string.IsNullOrEmpty(prompt)) throw new ArgumentException($"Example {i} has an empty prompt.", nameof(examples));
            if (string.IsNullOrEmpty(response)) throw new ArgumentException($"Example {i} has an empty response.", nameof(examples));
            var ids = tok.Encode(response).ToList();
            if (_options.AppendEos && tok.EosIds.Count > 0) ids.Add(tok.EosIds[0]);
            var promptIds = tok.Encode(_prompt.Render(prompt));
            if (promptIds.Count + ids.Count > context)
                throw new ArgumentException(
                    $"Example {i}: the formatted prompt ({promptIds.Count} tokens) plus the response ({ids.Count} tokens" +
                    $"{(_options.AppendEos ? ", EOS included" : "")}) is longer than the model's context {context} (max_position_embeddings). " +
                    "Shorten or drop the example.", nameof(examples));
            result.Add((promptIds, ids));
        }
        return result;
    }
}
