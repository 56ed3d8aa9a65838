using System.Text.Json;

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

/// <summary>One message of a chat request; <see cref="Content"/> is a string or an array of <c>{"type":"text","text":…}</c> parts.</summary>
internal sealed class ChatMessageDto
{
    public string? Role { get; set; }

    public JsonElement Content { get; set; }
}

/// <summary><c>stream_options</c>: whether the last chunk carries the usage.</summary>
internal sealed class StreamOptions
{
    public bool? IncludeUsage { get; set; }
}
