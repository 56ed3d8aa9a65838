namespace R1.Serving;

/// <summary>What <see cref="OpenAiServer"/> serves, where, and its limits.</summary>
public sealed class ServerOptions
{
    /// <summary>A policy folder (Hugging Face layout) or a saved reasoning model (<c>.zip</c> from <c>SaveModel</c>). Required.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>The model id reported by <c>/v1/models</c> and required in requests. Default: the folder or file name.</summary>
    public string? ModelId { get; set; }

    /// <summary>The URLs to listen on. Default <c>http://127.0.0.1:8000</c>.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8000";

    /// <summary>The Torch device, e.g. <c>cpu</c> or <c>cuda</c>. Default <c>cpu</c>.</summary>
    public string Device { get; set; } = "cpu";
}
