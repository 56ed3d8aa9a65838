using static TorchSharp.torch;

namespace R1.Rollout.Checkpoints;

/// <summary>Maps safetensors dtype names (<c>F32</c>, <c>BF16</c>, …) to TorchSharp scalar types.</summary>
internal static class SafeTensorsDType
{
    private static readonly (string Name, ScalarType Type, int Size)[] Table =
    [
        ("F32", ScalarType.Float32, 4), ("BF16", ScalarType.BFloat16, 2), ("F16", ScalarType.Float16, 2),
        ("F64", ScalarType.Float64, 8), ("I64", ScalarType.Int64, 8), ("I32", ScalarType.Int32, 4),
        ("I16", ScalarType.Int16, 2), ("I8", ScalarType.Int8, 1), ("U8", ScalarType.Byte, 1), ("BOOL", ScalarType.Bool, 1),
    ];

    /// <summary>The scalar type and element size for a safetensors dtype name.</summary>
    /// <exception cref="InvalidDataException">The name is not a supported dtype.</exception>
    public static (ScalarType Type, int Size) Parse(string name)
    {
        foreach (var e in Table) if (e.Name == name) return (e.Type, e.Size);
        throw new InvalidDataException($"Unsupported safetensors dtype '{name}' (supported: {string.Join(", ", Table.Select(e => e.Name))}).");
    }

    /// <summary>The safetensors dtype name of a scalar type.</summary>
    public static string NameOf(ScalarType type)
    {
        foreach (var e in Table) if (e.Type == type) return e.Name;
        throw new NotSupportedException($"Cannot store dtype {type} in safetensors.");
    }

    /// <summary>The scalar type of an HF <c>torch_dtype</c> string (<c>float32</c>, <c>bfloat16</c>, <c>float16</c>).</summary>
    public static ScalarType FromTorchDType(string torchDType) => torchDType switch
    {
        "float32" => ScalarType.Float32,
        "bfloat16" => ScalarType.BFloat16,
        "float16" => ScalarType.Float16,
        _ => throw new InvalidDataException($"Unsupported torch_dtype '{torchDType}' (float32, bfloat16, float16)."),
    };

    /// <summary>The HF <c>torch_dtype</c> string of a scalar type.</summary>
    public static string ToTorchDType(ScalarType type) => type switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float16 => "float16",
        _ => throw new NotSupportedException($"Model weights must be float32, bfloat16 or float16, not {type}."),
    };
}
