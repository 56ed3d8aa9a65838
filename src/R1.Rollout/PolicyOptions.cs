using static TorchSharp.torch;

namespace R1.Rollout;

/// <summary>Where and how a <see cref="Policy"/> runs.</summary>
public sealed class PolicyOptions
{
    /// <summary>The device, e.g. <c>"cpu"</c>, <c>"cuda"</c>, <c>"cuda:1"</c>. Default <c>cpu</c>.</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>
    /// The parameter dtype: <see cref="ScalarType.Float32"/> (default; fastest on CPU) or <see cref="ScalarType.BFloat16"/>
    /// (half the memory; use on CUDA). Null on <see cref="Policy.Load"/> means the checkpoint's <c>torch_dtype</c>.
    /// </summary>
    public ScalarType? DType { get; set; } = ScalarType.Float32;

    /// <summary>Seed for weight initialization in <see cref="Policy.Create"/>. Default 0.</summary>
    public long Seed { get; set; }

    /// <summary>
    /// If set, calls <c>torch.set_num_threads</c> (process-wide) when the policy is created or loaded. Null (default) keeps
    /// libtorch's default (one thread per core). Use 1 when several processes share few cores: OpenMP threads spinning under
    /// oversubscription slow small ops down by orders of magnitude.
    /// </summary>
    public int? NumThreads { get; set; }

    /// <summary>Shard size for <see cref="Policy.Save"/>; null (default) writes a single <c>model.safetensors</c>.</summary>
    public long? MaxShardBytes { get; set; }
}
