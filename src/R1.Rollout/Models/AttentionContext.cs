using static TorchSharp.torch;

namespace R1.Rollout.Models;

/// <summary>What every layer of one forward shares: RoPE tables, the attention mask and the optional KV cache.</summary>
/// <param name="Cos">RoPE cosines [B, 1, T, head_dim].</param>
/// <param name="Sin">Signed RoPE sines (−sin, sin) [B, 1, T, head_dim] (see <see cref="RotaryEmbedding.Apply"/>).</param>
/// <param name="Mask">Additive mask [B, 1, groups·T, S] (or [B, 1, 1, S] for one query token) in the model dtype: 0 = attend.</param>
/// <param name="Cache">The KV cache, or null for a full (training/scoring) forward.</param>
internal sealed record AttentionContext(Tensor Cos, Tensor Sin, Tensor Mask, KvCache? Cache);
