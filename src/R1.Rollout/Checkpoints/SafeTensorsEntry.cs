using static TorchSharp.torch;

namespace R1.Rollout.Checkpoints;

/// <summary>One tensor described in a safetensors header: dtype, shape and byte range (relative to the data section).</summary>
/// <param name="Name">The tensor name.</param>
/// <param name="DType">The scalar type.</param>
/// <param name="Shape">The shape.</param>
/// <param name="Begin">First byte, relative to the start of the data section.</param>
/// <param name="End">One past the last byte.</param>
internal sealed record SafeTensorsEntry(string Name, ScalarType DType, long[] Shape, long Begin, long End)
{
    /// <summary>The shape as text, for error messages.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
