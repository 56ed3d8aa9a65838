using static TorchSharp.torch;

namespace R1.Rollout.Models;

/// <summary>What every layer of one forward shares: RoPE tables, the attention mask and the optional KV cache.</summary>
/// <param name="Cos">RoPE cosines [B, 1, T, head_dim].</param>
/// <param name="Sin">RoPE sines [B, 1, T, head_dim].</param>
/// <param name="Mask">Boolean mask [B, 1, groups·T, S] (true = attend), already repeated for the query groups.</param>
/// <param name="Cache">The KV cache, or null for a full (training/scoring) forward.</param>
public sealed record AttentionContext(Tensor Cos, Tensor Sin, Tensor Mask, KvCache? Cache);
