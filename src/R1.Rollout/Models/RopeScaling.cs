using System.Text.Json.Serialization;

namespace R1.Rollout.Models;

/// <summary>
/// The <c>rope_scaling</c> block of a Hugging Face <c>config.json</c>. Only the Llama 3 scheme (<c>rope_type: "llama3"</c>)
/// and the plain default are supported; anything else fails <see cref="ModelConfig.Validate"/>.
/// </summary>
public sealed class RopeScaling
{
    /// <summary>The scheme name (<c>rope_type</c>, or the older <c>type</c> key). Supported: <c>llama3</c>, <c>default</c>.</summary>
    [JsonPropertyName("rope_type")] public string? RopeType { get; set; }

    /// <summary>The legacy name of <see cref="RopeType"/>.</summary>
    [JsonPropertyName("type")] public string? LegacyType { get; set; }

    /// <summary>How much the context is stretched (Llama 3.1: 8).</summary>
    [JsonPropertyName("factor")] public double Factor { get; set; } = 1.0;

    /// <summary>Wavelengths longer than <c>original / low_freq_factor</c> are divided by <see cref="Factor"/> (Llama 3.1: 1).</summary>
    [JsonPropertyName("low_freq_factor")] public double LowFreqFactor { get; set; } = 1.0;

    /// <summary>Wavelengths shorter than <c>original / high_freq_factor</c> are kept (Llama 3.1: 4).</summary>
    [JsonPropertyName("high_freq_factor")] public double HighFreqFactor { get; set; } = 4.0;

    /// <summary>The context length the model was pre-trained with (Llama 3.1: 8192).</summary>
    [JsonPropertyName("original_max_position_embeddings")] public int OriginalMaxPositionEmbeddings { get; set; } = 8192;

    /// <summary>The effective scheme name, lower case.</summary>
    [JsonIgnore] public string Kind => (RopeType ?? LegacyType ?? "default").ToLowerInvariant();
}
