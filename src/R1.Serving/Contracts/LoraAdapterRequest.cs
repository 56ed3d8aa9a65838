namespace R1.Serving.Contracts;

/// <summary>The body of vLLM's <c>/v1/load_lora_adapter</c> (name and PEFT folder) and <c>/v1/unload_lora_adapter</c> (name only).</summary>
internal sealed class LoraAdapterRequest
{
    public string? LoraName { get; set; }

    public string? LoraPath { get; set; }
}
