using System.Text.Json;
using Microsoft.Extensions.AI;
using R1.Serving.Contracts;

namespace R1.Serving.Endpoints;

/// <summary>Maps the request's messages onto Microsoft.Extensions.AI's <see cref="ChatMessage"/>s for the chat template.</summary>
internal static class ChatMessages
{
    public static IReadOnlyList<ChatMessage> From(List<ChatMessageDto>? messages)
    {
        if (messages is null || messages.Count == 0)
            throw OpenAiException.BadRequest("messages must hold at least one message.", "messages");
        return messages.Select((m, i) => new ChatMessage(Role(m.Role, i), Text(m.Content, i))).ToList();
    }

    private static ChatRole Role(string? role, int index) => role switch
    {
        "system" or "developer" => ChatRole.System,
        "user" => ChatRole.User,
        "assistant" => ChatRole.Assistant,
        "tool" => ChatRole.Tool,
        _ => throw OpenAiException.BadRequest(
            $"messages[{index}].role must be system, developer, user, assistant or tool (got '{role}').", $"messages[{index}].role"),
    };

    private static string Text(JsonElement content, int index) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.Array => string.Concat(content.EnumerateArray().Select(part => Part(part, index))),
        _ => throw OpenAiException.BadRequest($"messages[{index}].content must be a string or an array of text parts.", $"messages[{index}].content"),
    };

    private static string Part(JsonElement part, int index) =>
        part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var type) && type.GetString() == "text"
            && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : throw OpenAiException.BadRequest($"messages[{index}].content: only text parts are supported.", $"messages[{index}].content");
}
