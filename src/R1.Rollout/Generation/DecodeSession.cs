using R1.Rollout.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Generation;

/// <summary>
/// The device-side state of one batched generation: left-padded tokens, mask and positions for the whole budget,
/// the KV cache, per-row finished flags and log-probs. Each <see cref="Step"/> samples one token per row without a host sync.
/// </summary>
internal sealed class DecodeSession : IDisposable
{
    private readonly CausalLM _model;
    private readonly SamplingOptions _options;
    private readonly TorchSharp.torch.Generator _generator;
    private readonly KvCache? _cache;
    private readonly Tensor _tokens, _mask, _positions, _logProbs, _finished, _eos;
    private readonly long _padId;
    private Tensor? _nextLogits;

    public DecodeSession(CausalLM model, IReadOnlyList<IReadOnlyList<int>> prompts, SamplingOptions options, int maxNew, int padId, IReadOnlyList<int> eosIds, Device device)
    {
        _model = model;
        _options = options;
        _padId = padId;
        BatchSize = prompts.Count;
        PromptWidth = prompts.Max(p => p.Count);
        MaxNew = maxNew;
        int width = PromptWidth + maxNew;
        var (ids, mask) = PromptBatch.LeftPad(prompts, PromptWidth, width, padId);
        _tokens = tensor(ids, device: device).DetachFromDisposeScope();                     // [B, P+N]
        _mask = tensor(mask, device: device).DetachFromDisposeScope();                      // [B, P+N]
        _positions = PromptBatch.PositionIds(_mask).DetachFromDisposeScope();               // [B, P+N]
        _logProbs = zeros([BatchSize, maxNew], ScalarType.Float32, device).DetachFromDisposeScope();
        _finished = zeros([BatchSize, 1], ScalarType.Bool, device).DetachFromDisposeScope();
        _eos = tensor(eosIds.Select(i => (long)i).ToArray(), device: device).DetachFromDisposeScope();
        _generator = new TorchSharp.torch.Generator((ulong)(options.Seed ?? Random.Shared.NextInt64()), device);
        if (options.UseKvCache) _cache = new KvCache(model.Config, BatchSize, width, device, model.DType);
    }

    public int BatchSize { get; }
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
        SetNextLogits(_model.Hidden(ids, mask, _positions.narrow(1, 0, PromptWidth), _cache));
    }

    /// <summary>Samples the next token of every unfinished row and, if budget remains, computes the following logits.</summary>
    public void Step()
    {
        if (_nextLogits is null) throw new InvalidOperationException("Prefill must run before Step.");
        using var scope = NewDisposeScope();
        var (ids, logp) = LogitsSampler.Sample(_nextLogits, _options, _generator);        // [B, 1] each
        ids = ids.masked_fill(_finished, _padId);
        logp = logp.masked_fill(_finished, 0.0);
        int column = PromptWidth + Generated;
        _tokens.narrow(1, column, 1).copy_(ids);
        _logProbs.narrow(1, Generated, 1).copy_(logp);
        _finished.logical_or_(ids.isin(_eos));
        Generated++;
        if (Generated < MaxNew) Advance(column, ids);
    }

    private void Advance(int column, Tensor ids)
    {
        var mask = _mask.narrow(1, 0, column + 1);
        var hidden = _cache is null
            ? _model.Hidden(_tokens.narrow(1, 0, column + 1), mask, _positions.narrow(1, 0, column + 1), null)
            : _model.Hidden(ids, mask, _positions.narrow(1, column, 1), _cache);
        SetNextLogits(hidden);
    }

    private void SetNextLogits(Tensor hidden)
    {
        var last = hidden.narrow(1, hidden.shape[1] - 1, 1).squeeze(1);                   // [B, hidden]
        _nextLogits?.Dispose();
        _nextLogits = _model.Logits(last).to(ScalarType.Float32).DetachFromDisposeScope(); // [B, V]
    }

    /// <summary>Host sync: whether every row has produced an EOS id.</summary>
    public bool AllFinished()
    {
        using var all = _finished.all();
        return all.item<bool>();
    }

    /// <summary>Marks <paramref name="row"/> finished (e.g. a stop string was found on the host).</summary>
    public void Finish(int row)
    {
        using var view = _finished[row];
        view.fill_(true);
    }

    /// <summary>Host copy of the generated ids [B][Generated] and log-probs.</summary>
    public (long[] Ids, float[] LogProbs) Download()
    {
        using var scope = NewDisposeScope();
        var ids = _tokens.narrow(1, PromptWidth, Generated).cpu().contiguous().data<long>().ToArray();
        var lps = _logProbs.narrow(1, 0, Generated).cpu().contiguous().data<float>().ToArray();
        return (ids, lps);
    }

    public void Dispose()
    {
        foreach (var t in new[] { _tokens, _mask, _positions, _logProbs, _finished, _eos, _nextLogits }) t?.Dispose();
        _cache?.Dispose();
        _generator.Dispose();
    }
}
