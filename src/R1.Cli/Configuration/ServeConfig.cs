namespace R1.Cli.Configuration;

/// <summary>The <c>serve:</c> section: the OpenAI-compatible server.</summary>
internal sealed class ServeConfig : CommonConfig
{
    /// <summary>The URLs to listen on. Default <c>http://127.0.0.1:8000</c>.</summary>
    public string? Urls { get; set; }

    /// <summary>The model id of <c>/v1/models</c>. Default the folder name.</summary>
    public string? ModelId { get; set; }

    /// <summary>Serves LoRA adapters loaded at run time (<c>/v1/load_lora_adapter</c>). Default false.</summary>
    public bool? EnableLora { get; set; }

    /// <summary>Most adapters loaded at once. Default 4.</summary>
    public int? MaxLoras { get; set; }
}
