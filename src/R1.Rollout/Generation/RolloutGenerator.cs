using System.Runtime.CompilerServices;
using R1.Rollout.Batching;
using R1.Rollout.Models;
using R1.Rollout.Runtime;
using R1.Rollout.Tokenization;
using static TorchSharp.torch;

namespace R1.Rollout.Generation;

/// <summary>
/// Batched sampling from a <see cref="CausalLM"/> and its tokenizer: prompts are left-padded (attention mask, position ids
/// <c>cumsum(mask)−1</c>), decoded with a preallocated KV cache, and sampled on the device; finished rows are padded until
/// every row is done.
/// </summary>
public sealed class RolloutGenerator
{
    private readonly CausalLM _model;
    private readonly ITextTokenizer _tokenizer;
    private readonly Device _device;

    /// <summary>Creates a generator over <paramref name="model"/> and <paramref name="tokenizer"/> (neither is owned).</summary>
    /// <param name="model">The network; its <see cref="CausalLM.Config"/> gives the context length, vocabulary and fallback EOS ids.</param>
    /// <param name="tokenizer">Encodes text prompts, decodes completions, and gives the pad and EOS ids.</param>
    /// <param name="device">Where the batch tensors are made; null (default) means the device of the model's parameters.</param>
    public RolloutGenerator(CausalLM model, ITextTokenizer tokenizer, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        TorchRuntime.EnsureAvailable();
        _model = model;
        _tokenizer = tokenizer;
        _device = device ?? model.Device;
    }

    /// <summary>Generates one completion per prompt (token ids, unpadded).</summary>
    /// <exception cref="ArgumentException">The batch or a prompt is empty, a prompt fills the context, or an option is invalid.</exception>
    public IReadOnlyList<GenerationResult> Generate(IReadOnlyList<IReadOnlyList<int>> prompts, SamplingOptions? options = null)
    {
        options ??= new SamplingOptions();
        var (maxNew, eos, budgets) = Prepare(prompts, options);
        var builder = new CompletionBuilder(_tokenizer, eos, options.StopStrings);
        using var noGrad = no_grad();
        using var session = new DecodeSession(_model, prompts, options, maxNew, _tokenizer.PadId, eos, _device, _tokenizer.VocabSize, budgets);
        session.Prefill();
        while (session.Generated < maxNew)
        {
            session.Step();
            if (session.Generated % options.CheckInterval != 0) continue;
            if (Done(session, builder, options)) break;
            if (options.CompactFinishedRows) session.Compact();
        }
        var (ids, logProbs) = session.Download();
        int n = session.Generated;
        return prompts.Select((p, b) =>
        {
            int own = budgets is null ? n : Math.Min(n, budgets[b]);                // a row never reads past its own budget
            return builder.Build(p, ids.AsSpan(b * n, own), logProbs.AsSpan(b * n, own));
        }).ToList();
    }

    /// <summary>
    /// Generates a batch of independent requests in one decode batch (one forward pass per step for all rows). Each request has
    /// its own prompt, sampling settings and random generator, so its tokens for a fixed seed are the same whichever requests it
    /// is batched with (up to floating-point differences of batched arithmetic). Rows finish independently; each request's
    /// callbacks stream its text and hand over its result as soon as it ends. Results are in request order.
    /// </summary>
    /// <exception cref="ArgumentException">The batch or a prompt is empty, a prompt fills the context, or a setting is invalid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the whole batch stops).</exception>
    public IReadOnlyList<GenerationResult> GenerateBatch(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken = default) =>
        new RequestBatchDecoder(_model, _tokenizer, _device).Run(requests, cancellationToken);

    /// <summary>Encodes <paramref name="prompts"/> with the tokenizer and generates one completion each.</summary>
    public IReadOnlyList<GenerationResult> Generate(IReadOnlyList<string> prompts, SamplingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        return Generate(prompts.Select(_tokenizer.Encode).ToList(), options);
    }

    /// <summary>
    /// Group rollouts for GRPO: <paramref name="groupSize"/> samples per prompt, generated in one batch.
    /// Result <c>[i][g]</c> is sample g of prompt i.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<GenerationResult>> GenerateGroups(
        IReadOnlyList<IReadOnlyList<int>> prompts, int groupSize, SamplingOptions? options = null)
    {
        PromptBatch.Validate(prompts, nameof(prompts));
        if (groupSize <= 0) throw new ArgumentOutOfRangeException(nameof(groupSize), groupSize, "The group size must be positive.");
        var flat = prompts.SelectMany(p => Enumerable.Repeat(p, groupSize)).ToList();
        var results = Generate(flat, options);
        return Enumerable.Range(0, prompts.Count)
            .Select(i => (IReadOnlyList<GenerationResult>)results.Skip(i * groupSize).Take(groupSize).ToList())
            .ToList();
    }

    /// <summary>
    /// Streams the completion of one prompt as text pieces (each new token's text; pieces concatenate to
    /// <see cref="GenerationResult.Text"/>). Ends at EOS (not emitted), after a stop string, or at the token budget.
    /// </summary>
    public async IAsyncEnumerable<string> StreamAsync(
        IReadOnlyList<int> prompt, SamplingOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new SamplingOptions();
        IReadOnlyList<IReadOnlyList<int>> batch = [prompt];
        var (maxNew, eos, _) = Prepare(batch, options);
        var builder = new CompletionBuilder(_tokenizer, eos, options.StopStrings);
        using var session = new DecodeSession(_model, batch, options, maxNew, _tokenizer.PadId, eos, _device, _tokenizer.VocabSize);
        string emitted = "";
        using (no_grad()) session.Prefill();
        while (session.Generated < maxNew)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using (no_grad()) session.Step();
            var (ids, logProbs) = session.Download();
            var result = builder.Build(prompt, ids, logProbs);
            if (result.Text.Length > emitted.Length && result.Text.StartsWith(emitted, StringComparison.Ordinal))
            {
                yield return result.Text[emitted.Length..];
                emitted = result.Text;
            }
            if (result.FinishReason == FinishReason.Stop) yield break;
            await Task.Yield();
        }
    }

    /// <summary>Encodes <paramref name="prompt"/> and streams its completion.</summary>
    public IAsyncEnumerable<string> StreamAsync(string prompt, SamplingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return StreamAsync(_tokenizer.Encode(prompt), options, cancellationToken);
    }

    /// <summary>Host check every <see cref="SamplingOptions.CheckInterval"/> tokens: stop-string rows are finished; true when all rows are.</summary>
    private static bool Done(DecodeSession session, CompletionBuilder builder, SamplingOptions options)
    {
        if (options.StopStrings.Count > 0)
        {
            var (ids, _) = session.Download();
            int n = session.Generated;
            for (int b = 0; b < session.BatchSize; b++)
                if (builder.HasStop(ids.AsSpan(b * n, n).ToArray().Select(i => (int)i).ToList())) session.Finish(b);
        }
        return session.AllFinished();
    }

    /// <summary>
    /// Checks the batch and gives each row its own budget, <c>min(MaxNewTokens, context − its prompt length)</c>: a long prompt no
    /// longer shortens the other rows. The budgets are null when they are all equal (then every row runs the whole loop).
    /// </summary>
    private (int MaxNew, IReadOnlyList<int> Eos, int[]? Budgets) Prepare(IReadOnlyList<IReadOnlyList<int>> prompts, SamplingOptions options)
    {
        PromptBatch.Validate(prompts, nameof(prompts));
        options.Validate();
        int context = _model.Config.MaxPositionEmbeddings, vocab = _model.Config.VocabSize;
        var budgets = new int[prompts.Count];
        for (int i = 0; i < prompts.Count; i++)
        {
            var p = prompts[i];
            if (p.Count >= context)
                throw new ArgumentException(
                    $"Prompt {i} has {p.Count} tokens but the model's context is {context} (max_position_embeddings): " +
                    "no room to generate. Shorten the prompt.",
                    nameof(prompts));
            foreach (int id in p)
                if ((uint)id >= (uint)vocab) throw new ArgumentException($"Token id {id} is outside the vocabulary (size {vocab}).", nameof(prompts));
            budgets[i] = Math.Min(options.MaxNewTokens, context - p.Count);
        }
        var eos = options.EosIds ?? (_tokenizer.EosIds.Count > 0 ? _tokenizer.EosIds : _model.Config.EosTokenIds ?? []);
        int maxNew = budgets.Max();
        return (maxNew, eos, budgets.All(b => b == maxNew) ? null : budgets);
    }
}
