using R1.Rollout.Batching;
using R1.Rollout.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Generation;

/// <summary>
/// The device-side state of one batched generation: left-padded tokens, mask and positions for the whole budget,
/// the KV cache, per-row finished flags and log-probs. Each <see cref="Step"/> samples one token per row without a host sync.
/// <see cref="Compact"/> drops finished rows from every batch tensor (their results move to the host), so later steps
/// only compute the rows still generating.
/// </summary>
internal sealed class DecodeSession : IDisposable
{
    private readonly CausalLM _model;
    private readonly ITokenSampler _sampler;
    private readonly bool _ownsSampler;
    private readonly KvCache? _cache;
    private readonly Tensor _eos;
    private Tensor? _budgets;                 // [rows, 1] int64: each row's own token budget, when the rows' budgets differ
    private Tensor _tokens, _mask, _positions, _logProbs, _finished;   // [rows, …]: only the rows still generating
    private Tensor? _cos, _sin, _keyMask;   // whole-budget RoPE tables and key mask for cached decode steps
    private int[] _rows;                      // active row → original row
    private readonly int[] _uniqueRows, _copyOf;   // rows with distinct prompts; row → its position in _uniqueRows
    private readonly long[]?[] _retiredIds;   // original row → its generated ids, once compacted away
    private readonly float[]?[] _retiredLogProbs;
    private readonly long _padId;
    private Tensor? _nextLogits;
    private readonly int _sampledVocab;       // ids at or above it (a checkpoint's padded vocab rows) are never sampled

    // sampledVocab: the tokenizer's vocabulary size; only ids below it are sampled. Checkpoints pad vocab_size beyond the
    // tokenizer (Qwen2.5: 151,936 rows for about 151,665 ids), and those rows have no text to decode.
    public DecodeSession(CausalLM model, IReadOnlyList<IReadOnlyList<int>> prompts, SamplingOptions options, int maxNew, int padId,
        IReadOnlyList<int> eosIds, Device device, int sampledVocab, IReadOnlyList<int>? budgets = null)
        : this(model, prompts, new SharedTokenSampler(options, device), options.UseKvCache, maxNew, padId, eosIds, device, sampledVocab, budgets)
    {
        _ownsSampler = true;
    }

    /// <summary>A session that samples with <paramref name="sampler"/> (not owned), e.g. one generator and setting per row.</summary>
    public DecodeSession(CausalLM model, IReadOnlyList<IReadOnlyList<int>> prompts, ITokenSampler sampler, bool useKvCache, int maxNew,
        int padId, IReadOnlyList<int> eosIds, Device device, int sampledVocab, IReadOnlyList<int>? budgets = null)
    {
        _model = model;
        _sampledVocab = sampledVocab;
        _sampler = sampler;
        _padId = padId;
        BatchSize = prompts.Count;
        PromptWidth = prompts.Max(p => p.Count);
        MaxNew = maxNew;
        _rows = Enumerable.Range(0, BatchSize).ToArray();
        (_uniqueRows, _copyOf) = DistinctPrompts(prompts);
        _retiredIds = new long[BatchSize][];
        _retiredLogProbs = new float[BatchSize][];
        int width = PromptWidth + maxNew;
        var (ids, mask) = PromptBatch.LeftPad(prompts, PromptWidth, width, padId);
        _tokens = tensor(ids, device: device).DetachFromDisposeScope();                     // [B, P+N]
        _mask = tensor(mask, device: device).DetachFromDisposeScope();                      // [B, P+N]
        _positions = PromptBatch.PositionIds(_mask).DetachFromDisposeScope();               // [B, P+N]
        if (budgets is not null)
        {
            // A row stops at its own budget, inside the context; the padded columns after it never exceed the last position.
            _budgets = tensor(budgets.Select(x => (long)x).ToArray(), device: device).unsqueeze(1).DetachFromDisposeScope();
            _positions.clamp_max_(model.Config.MaxPositionEmbeddings - 1);
        }
        _logProbs = zeros([BatchSize, maxNew], ScalarType.Float32, device).DetachFromDisposeScope();
        _finished = zeros([BatchSize, 1], ScalarType.Bool, device).DetachFromDisposeScope();
        _eos = tensor(eosIds.Select(i => (long)i).ToArray(), device: device).DetachFromDisposeScope();
        if (!useKvCache) return;
        _cache = new KvCache(model.Config, _uniqueRows.Length, width, device, model.DType);   // expanded to B rows after prefill
        (_cos, _sin) = model.RopeTables(_positions);                                         // [B, 1, P+N, D]
        _cos.DetachFromDisposeScope();
        _sin.DetachFromDisposeScope();
        _keyMask = model.KeyPaddingMask(_mask).DetachFromDisposeScope();                    // [B, 1, 1, P+N]
    }

    /// <summary>Rows of the request (original batch size).</summary>
    public int BatchSize { get; }

    /// <summary>Rows still in the device batch.</summary>
    public int ActiveRows => _rows.Length;
    public int PromptWidth { get; }
    public int MaxNew { get; }

    /// <summary>Tokens generated so far (the same for every row; finished rows are padded).</summary>
    public int Generated { get; private set; }

    /// <summary>Runs the prompt through the model and keeps the logits for the first new token.</summary>
    public void Prefill()
    {
        using var scope = NewDisposeScope();
        var ids = _tokens.narrow(1, 0, PromptWidth);
        var mask = _mask.narrow(1, 0, PromptWidth);
        var positions = _positions.narrow(1, 0, PromptWidth);
        if (_cache is null || _uniqueRows.Length == BatchSize)
        {
            SetNextLogits(_model.Hidden(ids, mask, positions, _cache));
            return;
        }
        // Group rollouts repeat each prompt G times: run each distinct prompt once, then copy its cache rows and logits.
        var unique = tensor(_uniqueRows.Select(r => (long)r).ToArray(), device: ids.device);
        var expand = tensor(_copyOf.Select(r => (long)r).ToArray(), device: ids.device);
        SetNextLogits(_model.Hidden(ids.index_select(0, unique), mask.index_select(0, unique), positions.index_select(0, unique), _cache));
        _cache.KeepRows(expand);
        _nextLogits = Select(_nextLogits!, expand);                                           // [U, V] → [B, V]
    }

    /// <summary>The first row of each distinct prompt, and for every row the index of its prompt among those.</summary>
    private static (int[] Unique, int[] CopyOf) DistinctPrompts(IReadOnlyList<IReadOnlyList<int>> prompts)
    {
        var unique = new List<int>();
        var copyOf = new int[prompts.Count];
        for (int r = 0; r < prompts.Count; r++)
        {
            int match = unique.FindIndex(u => ReferenceEquals(prompts[u], prompts[r]) || prompts[u].SequenceEqual(prompts[r]));
            if (match < 0) { match = unique.Count; unique.Add(r); }
            copyOf[r] = match;
        }
        return (unique.ToArray(), copyOf);
    }

    /// <summary>Samples the next token of every unfinished row and, if budget remains, computes the following logits.</summary>
    public void Step()
    {
        if (_nextLogits is null) throw new InvalidOperationException("Prefill must run before Step.");
        using var scope = NewDisposeScope();
        var (ids, logp) = _sampler.Sample(_nextLogits, _rows);                  // [B, 1] each
        ids = ids.masked_fill(_finished, _padId);
        logp = logp.masked_fill(_finished, 0.0);
        int column = PromptWidth + Generated;
        _tokens.narrow(1, column, 1).copy_(ids);
        _logProbs.narrow(1, Generated, 1).copy_(logp);
        _finished.logical_or_(ids.isin(_eos));
        Generated++;
        if (_budgets is not null) _finished.logical_or_(_budgets.le(Generated));
        if (Generated < MaxNew) Advance(column, ids);
    }

    private void Advance(int column, Tensor ids)
    {
        if (_cache is null)
        {
            SetNextLogits(_model.Hidden(_tokens.narrow(1, 0, column + 1), _mask.narrow(1, 0, column + 1), _positions.narrow(1, 0, column + 1), null));
            return;
        }
        var context = new AttentionContext(_cos!.narrow(2, column, 1), _sin!.narrow(2, column, 1), _keyMask!.narrow(3, 0, column + 1), _cache);
        SetNextLogits(_model.Hidden(ids, context));
    }

    private void SetNextLogits(Tensor hidden)
    {
        var last = hidden.narrow(1, hidden.shape[1] - 1, 1).squeeze(1);                   // [B, hidden]
        _nextLogits?.Dispose();
        var logits = _model.Logits(last);                                                   // [B, V]
        if (_sampledVocab < logits.shape[1]) logits = logits.narrow(1, 0, _sampledVocab).contiguous();   // [B, tokenizer ids]
        _nextLogits = logits.to(ScalarType.Float32).DetachFromDisposeScope();
    }

    /// <summary>Host sync: whether every row has produced an EOS id.</summary>
    public bool AllFinished()
    {
        using var all = _finished.all();
        return all.item<bool>();
    }

    /// <summary>Marks original row <paramref name="row"/> finished (e.g. a stop string was found on the host).</summary>
    public void Finish(int row)
    {
        int active = Array.IndexOf(_rows, row);
        if (active < 0) return;                                                             // already compacted away
        using var view = _finished[active];
        view.fill_(true);
    }

    /// <summary>
    /// Host sync: once at least a quarter of the active rows have finished, moves their results to the host and keeps only
    /// the unfinished rows in every batch tensor and the KV cache.
    /// </summary>
    public void Compact()
    {
        using var scope = NewDisposeScope();
        var finished = _finished.squeeze(1).cpu().data<bool>().ToArray();
        int done = finished.Count(f => f);
        if (done == 0 || done == finished.Length || done * 4 < finished.Length) return;
        var (ids, lps) = DownloadActive();
        for (int r = 0; r < finished.Length; r++)
            if (finished[r])
            {
                _retiredIds[_rows[r]] = ids.AsSpan(r * Generated, Generated).ToArray();
                _retiredLogProbs[_rows[r]] = lps.AsSpan(r * Generated, Generated).ToArray();
            }
        var keepRows = Enumerable.Range(0, finished.Length).Where(r => !finished[r]).ToArray();
        var keep = tensor(keepRows.Select(r => (long)r).ToArray(), device: _tokens.device);
        _tokens = Select(_tokens, keep); _mask = Select(_mask, keep); _positions = Select(_positions, keep);
        _logProbs = Select(_logProbs, keep); _finished = Select(_finished, keep); _nextLogits = Select(_nextLogits!, keep);
        if (_budgets is not null) _budgets = Select(_budgets, keep);
        if (_cache is not null)
        {
            _cos = Select(_cos!, keep); _sin = Select(_sin!, keep); _keyMask = Select(_keyMask!, keep);
            _cache.KeepRows(keep);
        }
        _rows = keepRows.Select(r => _rows[r]).ToArray();
    }

    /// <summary>Replaces <paramref name="batch"/> by its rows <paramref name="keep"/> (disposing the old tensor).</summary>
    private static Tensor Select(Tensor batch, Tensor keep)
    {
        var kept = batch.index_select(0, keep).DetachFromDisposeScope();
        batch.Dispose();
        return kept;
    }

    /// <summary>Host copy of the generated ids and log-probs of every original row, [BatchSize × Generated] row-major.</summary>
    public (long[] Ids, float[] LogProbs) Download()
    {
        var (activeIds, activeLps) = DownloadActive();
        var ids = new long[BatchSize * Generated];
        var lps = new float[BatchSize * Generated];
        Array.Fill(ids, _padId);
        for (int r = 0; r < _rows.Length; r++)
        {
            Array.Copy(activeIds, r * Generated, ids, _rows[r] * Generated, Generated);
            Array.Copy(activeLps, r * Generated, lps, _rows[r] * Generated, Generated);
        }
        for (int b = 0; b < BatchSize; b++)
            if (_retiredIds[b] is { } retired)
            {
                retired.CopyTo(ids, b * Generated);
                _retiredLogProbs[b]!.CopyTo(lps, b * Generated);
            }
        return (ids, lps);
    }

    private (long[] Ids, float[] LogProbs) DownloadActive()
    {
        using var scope = NewDisposeScope();
        var ids = _tokens.narrow(1, PromptWidth, Generated).cpu().contiguous().data<long>().ToArray();
        var lps = _logProbs.narrow(1, 0, Generated).cpu().contiguous().data<float>().ToArray();
        return (ids, lps);
    }

    public void Dispose()
    {
        foreach (var t in new[] { _tokens, _mask, _positions, _logProbs, _finished, _eos, _nextLogits, _cos, _sin, _keyMask, _budgets })
            t?.Dispose();
        _cache?.Dispose();
        if (_ownsSampler) _sampler.Dispose();
    }
}
