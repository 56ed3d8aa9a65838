namespace R1.Serving;

/// <summary>What <see cref="OpenAiServer"/> serves, where, and its limits.</summary>
public sealed class ServerOptions
{
    /// <summary>A policy folder (Hugging Face layout) or a saved reasoning model (<c>.zip</c> from <c>SaveModel</c>). Required.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>The model id reported by <c>/v1/models</c> and required in requests. Default: the folder or file name.</summary>
    public string? ModelId { get; set; }

    /// <summary>
    /// The URLs to listen on. Default <c>http://127.0.0.1:8000</c>; port 0 picks a free port (see <see cref="RunningServer.BaseAddress"/>).
    /// </summary>
    public string Urls { get; set; } = "http://127.0.0.1:8000";

    /// <summary>The Torch device, e.g. <c>cpu</c> or <c>cuda</c>. Default <c>cpu</c>.</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>
    /// The chat template by name (<c>r1-zero</c>, <c>deepseek-r1</c>, <c>chatml</c>, <c>none</c>). Default null: the model's own
    /// (the checkpoint's Jinja template, or the one matching its vocabulary; a saved <c>Reason</c> model's prompt template).
    /// </summary>
    public string? ChatTemplate { get; set; }

    /// <summary>Requests admitted at once (queued or decoding); one more is answered 429. Default 64.</summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>Most rows in one decode batch (a request with <c>n</c> choices takes n rows). Default 32.</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>How long the batcher waits after a first request for others to join its decode batch. Default 5 ms.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>New tokens when a request sets no <c>max_tokens</c> (cut to the room left in the context). Default 512.</summary>
    public int DefaultMaxTokens { get; set; } = 512;

    /// <summary>Most choices (<c>n</c>) one request may ask for. Default 16.</summary>
    public int MaxChoices { get; set; } = 16;

    /// <summary>
    /// Serves LoRA adapters loaded at run time through <c>/v1/load_lora_adapter</c> and <c>/v1/unload_lora_adapter</c> (vLLM's
    /// <c>--enable-lora</c> with <c>VLLM_ALLOW_RUNTIME_LORA_UPDATING</c>); a request names an adapter as its <c>model</c>. Default false.
    /// </summary>
    public bool EnableLora { get; set; }

    /// <summary>Most adapters loaded at once (each holds a copy of the base weights). Default 4.</summary>
    public int MaxLoras { get; set; } = 4;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath)) throw new ArgumentException("ModelPath is required: a policy folder or a saved model .zip.");
        if (string.IsNullOrWhiteSpace(Urls)) throw new ArgumentException("Urls must name at least one URL.");
        if (MaxConcurrentRequests <= 0) throw new ArgumentException($"MaxConcurrentRequests must be positive (got {MaxConcurrentRequests}).");
        if (MaxBatchSize <= 0) throw new ArgumentException($"MaxBatchSize must be positive (got {MaxBatchSize}).");
        if (BatchWindow < TimeSpan.Zero) throw new ArgumentException($"BatchWindow must not be negative (got {BatchWindow}).");
        if (DefaultMaxTokens <= 0) throw new ArgumentException($"DefaultMaxTokens must be positive (got {DefaultMaxTokens}).");
        if (MaxLoras <= 0) throw new ArgumentException($"MaxLoras must be positive (got {MaxLoras}).");
        if (MaxChoices <= 0) throw new ArgumentException($"MaxChoices must be positive (got {MaxChoices}).");
    }
}
