using R1.Rollout.Batching;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;
using static TorchSharp.torch;

namespace R1.Rollout.Generation;

/// <summary>
/// Decodes a batch of independent <see cref="GenerationRequest"/>s in one <see cref="DecodeSession"/> (one forward pass per step
/// for every row), each row with its own settings and random generator (<see cref="PerRowTokenSampler"/>). Rows finish on their
/// own: a row's result is handed to its <see cref="GenerationRequest.OnCompleted"/> as soon as it ends, and compaction drops it.
/// </summary>
internal sealed class RequestBatchDecoder(CausalLM model, ITextTokenizer tokenizer, Device device)
{
    private sealed class Row(GenerationRequest request, CompletionBuilder builder, int budget)
    {
        public GenerationRequest Request { get; } = request;
        public CompletionBuilder Builder { get; } = builder;
        public int Budget { get; } = budget;
        public string Emitted { get; set; } = "";
        public GenerationResult? Result { get; set; }
    }

    public IReadOnlyList<GenerationResult> Run(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0) throw new ArgumentException("The batch is empty: give at least one request.", nameof(requests));
        var prompts = requests.Select(r => r?.Prompt ?? throw new ArgumentException("A request is null.", nameof(requests))).ToList();
        PromptBatch.Validate(prompts, nameof(requests));
        var eos = tokenizer.EosIds.Count > 0 ? tokenizer.EosIds : model.Config.EosTokenIds ?? [];
        var rows = requests.Select((r, i) => new Row(r, new CompletionBuilder(tokenizer, eos, r.Options.StopStrings), Budget(r, i))).ToArray();
        int maxNew = rows.Max(r => r.Budget);
        var budgets = rows.All(r => r.Budget == maxNew) ? null : rows.Select(r => r.Budget).ToArray();
        int interval = requests.Any(r => r.OnText is not null) ? 1 : requests.Min(r => r.Options.CheckInterval);
        using var noGrad = no_grad();
        using var sampler = new PerRowTokenSampler(requests, device);
        using var session = new DecodeSession(model, prompts, sampler, useKvCache: true, maxNew, tokenizer.PadId, eos, device,
            tokenizer.VocabSize, budgets);
        session.Prefill();
        while (session.Generated < maxNew)
        {
            cancellationToken.ThrowIfCancellationRequested();
            session.Step();
            bool cancelled = FinishCancelled(session, rows);
            if (!cancelled && session.Generated % interval != 0 && session.Generated < maxNew) continue;
            if (Check(session, rows, sampler)) break;
            session.Compact();
        }
        Check(session, rows, sampler, final: true);
        return rows.Select(r => r.Result!).ToList();
    }

    /// <summary>The row's own budget, <c>min(MaxNewTokens, context − prompt)</c>, after checking its prompt and settings.</summary>
    private int Budget(GenerationRequest request, int index)
    {
        request.Options.Validate();
        if (request.TopLogProbs is < 0) throw new ArgumentException($"Request {index}: TopLogProbs must be ≥ 0 (got {request.TopLogProbs}).");
        int context = model.Config.MaxPositionEmbeddings, vocab = model.Config.VocabSize;
        if (request.Prompt.Count >= context)
            throw new ArgumentException(
                $"Request {index}: the prompt has {request.Prompt.Count} tokens but the model's context is {context}: no room to generate.");
        foreach (int id in request.Prompt)
            if ((uint)id >= (uint)vocab) throw new ArgumentException($"Request {index}: token id {id} is outside the vocabulary (size {vocab}).");
        return Math.Min(request.Options.MaxNewTokens, context - request.Prompt.Count);
    }

    private static bool FinishCancelled(DecodeSession session, Row[] rows)
    {
        bool any = false;
        for (int b = 0; b < rows.Length; b++)
            if (rows[b].Result is null && rows[b].Request.CancellationToken.IsCancellationRequested) { session.Finish(b); any = true; }
        return any;
    }

    /// <summary>Host check: streams new text, finishes rows at EOS, a stop string, their budget or cancellation; true when all are done.</summary>
    private static bool Check(DecodeSession session, Row[] rows, PerRowTokenSampler sampler, bool final = false)
    {
        var (ids, logProbs) = session.Download();
        int n = session.Generated;
        bool allDone = true;
        for (int b = 0; b < rows.Length; b++)
        {
            var row = rows[b];
            if (row.Result is not null) continue;
            int own = Math.Min(n, row.Budget);
            var result = row.Builder.Build(row.Request.Prompt, ids.AsSpan(b * n, own), logProbs.AsSpan(b * n, own));
            Emit(row, result.Text);
            bool done = final || result.FinishReason == FinishReason.Stop || own >= row.Budget
                        || row.Request.CancellationToken.IsCancellationRequested;
            if (!done) { allDone = false; continue; }
            session.Finish(b);
            row.Result = sampler.Recorded(b) is { } recorded
                ? result with { ModelLogProbs = recorded.Take(result.CompletionIds.Count).ToList() }
                : result;
            row.Request.OnCompleted?.Invoke(row.Result);
        }
        return allDone;
    }

    private static void Emit(Row row, string text)
    {
        if (row.Request.OnText is null || text.Length <= row.Emitted.Length || !text.StartsWith(row.Emitted, StringComparison.Ordinal)) return;
        row.Request.OnText(text[row.Emitted.Length..]);
        row.Emitted = text;
    }
}
