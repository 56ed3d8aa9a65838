using R1.Rollout.Models;
using R1.Rollout.Tokenization;
using static TorchSharp.torch;

namespace R1.Rollout.Scoring;

/// <summary>
/// Scores completions with one teacher-forced forward: log p(completion token j | prompt, completion[..j]).
/// Differentiable when grad is enabled (GRPO backpropagates through it); wrap in <c>no_grad()</c> for old/reference log-probs.
/// </summary>
public sealed class LogProbScorer
{
    private readonly CausalLM _model;
    private readonly ITextTokenizer _tokenizer;
    private readonly Device _device;

    /// <summary>Creates a scorer for <paramref name="model"/> and <paramref name="tokenizer"/> (neither is owned).</summary>
    /// <param name="model">The network whose log-probs are computed.</param>
    /// <param name="tokenizer">
    ///     Gives the pad id of the batches <see cref="Score(IReadOnlyList{IReadOnlyList{int}}, IReadOnlyList{IReadOnlyList{int}}, double)"/> builds.
    /// </param>
    /// <param name="device">Where those batches are made; null (default) means the device of the model's parameters.</param>
    public LogProbScorer(CausalLM model, ITextTokenizer tokenizer, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        _model = model;
        _tokenizer = tokenizer;
        _device = device ?? model.Device;
    }

    /// <summary>Builds the batch (see <see cref="ScoringBatch"/>) and scores it.</summary>
    /// <param name="prompts">Prompt ids per row.</param>
    /// <param name="completions">Completion ids per row (may differ in length).</param>
    /// <param name="temperature">Logits are divided by this first (use the sampling temperature, as TRL does). Default 1.</param>
    public ScoredCompletions Score(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> completions, double temperature = 1.0)
    {
        CheckIds(prompts, nameof(prompts));
        CheckIds(completions, nameof(completions));
        using var batch = ScoringBatch.Build(prompts, completions, _tokenizer.PadId, _device);
        var logProbs = Score(batch, temperature);
        return new ScoredCompletions(logProbs, batch.CompletionMask.clone());
    }

    private void CheckIds(IReadOnlyList<IReadOnlyList<int>> rows, string paramName)
    {
        if (rows is null) return;                                       // ScoringBatch.Build reports it
        int vocab = _model.Config.VocabSize;
        for (int r = 0; r < rows.Count; r++)
            foreach (int id in rows[r] ?? [])
                if ((uint)id >= (uint)vocab)
                    throw new ArgumentException($"Row {r} has token id {id}, outside the vocabulary (size {vocab}).", paramName);
    }

    /// <summary>Log-probs [B, C] (float32, 0 on padding) of <paramref name="batch"/>'s completion tokens.</summary>
    /// <exception cref="ArgumentException">The sequence is longer than the model's context, or the temperature is not positive.</exception>
    public Tensor Score(ScoringBatch batch, double temperature = 1.0) => Compute(_model, batch, temperature).LogProbs;

    /// <summary>
    /// Log-probs [B, C] (float32, 0 on padding) of <paramref name="batch"/>'s completion tokens under <paramref name="model"/>,
    /// with logits divided by <paramref name="temperature"/>; with <paramref name="withEntropy"/> also the detached per-token
    /// entropy [B, C] of that distribution. Differentiable when grad is enabled. Used by the trainers.
    /// </summary>
    /// <exception cref="ArgumentException">The sequence is longer than the model's context, or the temperature is not positive.</exception>
    public static (Tensor LogProbs, Tensor? Entropy) Compute(CausalLM model, ScoringBatch batch, double temperature = 1.0, bool withEntropy = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        if (!(temperature > 0)) throw new ArgumentException($"The temperature must be positive (got {temperature}).", nameof(temperature));
        long width = batch.LongestRow;                                                              // padding does not count
        if (width > model.Config.MaxPositionEmbeddings)
            throw new ArgumentException(
                $"Prompt + completion is {width} tokens but the model's context is {model.Config.MaxPositionEmbeddings} (max_position_embeddings).");
        using var scope = NewDisposeScope();
        var hidden = model.Hidden(batch.InputIds, batch.AttentionMask, batch.PositionIds, null);   // [B, P+C, H]
        var predicting = hidden.narrow(1, batch.PromptWidth - 1, batch.CompletionWidth);           // [B, C, H]: column P−1+j predicts token j
        var logits = model.Logits(predicting).to(ScalarType.Float32);                               // [B, C, V]
        if (temperature != 1.0) logits = logits / temperature;
        var logSoftmax = logits.log_softmax(-1);                                                    // [B, C, V]
        var logProbs = logSoftmax.gather(-1, batch.CompletionIds.unsqueeze(-1)).squeeze(-1) * batch.CompletionMask; // [B, C]
        Tensor? entropy = null;
        if (withEntropy)
        {
            using var noGrad = no_grad();
            entropy = (-(logSoftmax.exp() * logSoftmax).sum(-1)).MoveToOuterDisposeScope();          // [B, C]
        }
        return (logProbs.MoveToOuterDisposeScope(), entropy);
    }
}
