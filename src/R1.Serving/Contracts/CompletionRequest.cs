using System.Text.Json;

namespace R1.Serving.Contracts;

/// <summary>The body of <c>POST /v1/completions</c>.</summary>
internal sealed class CompletionRequest : SamplingRequest
{
    /// <summary>A string, or an array of token ids (one prompt of each kind only).</summary>
    public JsonElement Prompt { get; set; }

    /// <summary>How many most likely tokens to report per position, besides the chosen one (0 to 20).</summary>
    public int? Logprobs { get; set; }

    public bool? Echo { get; set; }

    /// <summary>vLLM's extension: report tokens as <c>token_id:N</c> instead of their text.</summary>
    public bool? ReturnTokensAsTokenIds { get; set; }
}
