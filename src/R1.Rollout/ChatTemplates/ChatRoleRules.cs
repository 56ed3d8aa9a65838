using Microsoft.Extensions.AI;

namespace R1.Rollout.ChatTemplates;

/// <summary>Checks the conversations the chat templates are given.</summary>
internal static class ChatRoleRules
{
    /// <summary>
    /// Throws when there are no messages, a message is null, has a role outside <paramref name="allowed"/>, or carries
    /// anything but text (the templates render <see cref="ChatMessage.Text"/> only).
    /// </summary>
    public static void Validate(IReadOnlyList<ChatMessage> messages, string template, params ChatRole[] allowed)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0) throw new ArgumentException($"{template}: the conversation has no messages.", nameof(messages));
        for (int i = 0; i < messages.Count; i++)
        {
            var m = messages[i] ?? throw new ArgumentException($"{template}: message {i} is null.", nameof(messages));
            if (!allowed.Contains(m.Role))
                throw new ArgumentException(
                    $"{template}: message {i} has role '{m.Role}'; expected one of {string.Join(", ", allowed)}.", nameof(messages));
            if (m.Contents.FirstOrDefault(c => c is not TextContent) is { } other)
                throw new ArgumentException(
                    $"{template}: message {i} ({m.Role}) has {other.GetType().Name}; only text can be rendered.", nameof(messages));
        }
    }

    /// <summary>
    /// Checks a single-turn conversation, one user message optionally followed by one assistant reply, and returns their texts
    /// (the reply is <see langword="null"/> when absent).
    /// </summary>
    public static (string User, string? Reply) SingleTurn(IReadOnlyList<ChatMessage> messages, string template)
    {
        Validate(messages, template, ChatRole.User, ChatRole.Assistant);
        if (messages[0].Role != ChatRole.User || messages.Count > 2 || (messages.Count == 2 && messages[1].Role != ChatRole.Assistant))
            throw new ArgumentException(
                $"{template}: expected one user message, optionally followed by one assistant reply " +
                $"(got {messages.Count} messages: {string.Join(", ", messages.Select(m => m.Role))}).", nameof(messages));
        return (messages[0].Text, messages.Count == 2 ? messages[1].Text : null);
    }
}
