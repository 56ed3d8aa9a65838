using System.Text.Json;

namespace R1.Serving.Contracts;

/// <summary>One message of a chat request; <see cref="Content"/> is a string or an array of <c>{"type":"text","text":…}</c> parts.</summary>
internal sealed class ChatMessageDto
{
    public string? Role { get; set; }

    public JsonElement Content { get; set; }
}
