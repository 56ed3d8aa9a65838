using static TorchSharp.torch;

namespace R1.Rollout.Models;

/// <summary>
/// A preallocated key/value cache for incremental decoding: per layer, keys and values of shape
/// [batch, kv_heads, capacity, head_dim]. <see cref="CausalLM"/> writes the new positions and advances
/// <see cref="Length"/> after each forward. Inference only (writes are in-place).
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    /// <summary>Allocates an empty cache for <paramref name="batchSize"/> rows of up to <paramref name="capacity"/> positions.</summary>
    public KvCache(ModelConfig config, long batchSize, long capacity, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be positive.");
        BatchSize = batchSize;
        Capacity = capacity;
        _keys = new Tensor[config.NumHiddenLayers];
        _values = new Tensor[config.NumHiddenLayers];
        for (int i = 0; i < _keys.Length; i++)
        {
            _keys[i] = zeros([batchSize, config.KeyValueHeads, capacity, config.HeadDim], dtype, device).DetachFromDisposeScope();
            _values[i] = zeros([batchSize, config.KeyValueHeads, capacity, config.HeadDim], dtype, device).DetachFromDisposeScope();
        }
    }

    /// <summary>Rows in the cache.</summary>
    public long BatchSize { get; private set; }

    /// <summary>Maximum number of positions.</summary>
    public long Capacity { get; }

    /// <summary>Positions written so far (past length for the next forward).</summary>
    public long Length { get; private set; }

    /// <summary>
    /// Writes <paramref name="key"/> and <paramref name="value"/> [B, kv_heads, T, head_dim] at positions
    /// [Length, Length+T) of <paramref name="layer"/> and returns views of all cached positions [B, kv_heads, Length+T, head_dim].
    /// </summary>
    internal (Tensor Key, Tensor Value) Append(int layer, Tensor key, Tensor value)
    {
        long t = key.shape[2];
        if (key.shape[0] != BatchSize) throw new ArgumentException($"The KV cache holds {BatchSize} rows but the batch has {key.shape[0]}.");
        if (Length + t > Capacity)
            throw new InvalidOperationException($"The KV cache is full: {Length} + {t} positions exceed its capacity {Capacity}.");
        using (no_grad())
        {
            _keys[layer].narrow(2, Length, t).copy_(key);
            _values[layer].narrow(2, Length, t).copy_(value);
        }
        return (_keys[layer].narrow(2, 0, Length + t), _values[layer].narrow(2, 0, Length + t));
    }

    /// <summary>Marks <paramref name="count"/> more positions as written (called once per forward, after every layer).</summary>
    internal void Advance(long count) => Length += count;

    /// <summary>Keeps only the rows <paramref name="rows"/> (int64 indices) of every layer, e.g. to drop finished sequences.</summary>
    public void KeepRows(Tensor rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (int i = 0; i < _keys.Length; i++)
        {
            var (k, v) = (_keys[i], _values[i]);
            _keys[i] = k.index_select(0, rows).DetachFromDisposeScope();
            _values[i] = v.index_select(0, rows).DetachFromDisposeScope();
            k.Dispose();
            v.Dispose();
        }
        BatchSize = rows.shape[0];
    }

    /// <summary>Forgets every position (the memory is kept).</summary>
    public void Reset() => Length = 0;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _keys.Concat(_values)) t.Dispose();
    }
}
