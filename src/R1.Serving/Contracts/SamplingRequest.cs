using System.Text.Json;

namespace R1.Serving.Contracts;

/// <summary>The sampling fields shared by chat and text completion requests.</summary>
internal abstract class SamplingRequest
{
    public string? Model { get; set; }

    public int? MaxTokens { get; set; }

    public double? Temperature { get; set; }

    public double? TopP { get; set; }

    /// <summary>vLLM's extension: keep the k most likely tokens.</summary>
    public int? TopK { get; set; }

    public int? N { get; set; }

    /// <summary>A string or an array of strings.</summary>
    public JsonElement Stop { get; set; }

    public long? Seed { get; set; }

    public bool? Stream { get; set; }
}
