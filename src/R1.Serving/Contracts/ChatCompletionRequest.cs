namespace R1.Serving.Contracts;

/// <summary>The body of <c>POST /v1/chat/completions</c> (the fields this server reads; others are ignored).</summary>
internal sealed class ChatCompletionRequest : SamplingRequest
{
    public List<ChatMessageDto>? Messages { get; set; }

    /// <summary>OpenAI's newer name for <see cref="SamplingRequest.MaxTokens"/> (what the official clients send).</summary>
    public int? MaxCompletionTokens { get; set; }

    public bool? Logprobs { get; set; }

    public StreamOptions? StreamOptions { get; set; }
}
