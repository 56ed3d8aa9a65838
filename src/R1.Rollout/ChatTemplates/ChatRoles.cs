namespace R1.Rollout.ChatTemplates;

/// <summary>The message roles the chat templates understand.</summary>
public static class ChatRoles
{
    /// <summary>Instructions for the assistant.</summary>
    public const string System = "system";

    /// <summary>The user's turn.</summary>
    public const string User = "user";

    /// <summary>The model's turn.</summary>
    public const string Assistant = "assistant";

    /// <summary>Throws when a message is null, has a null content, or a role outside <paramref name="allowed"/>.</summary>
    internal static void Validate(IReadOnlyList<ChatMessage> messages, string template, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0) throw new ArgumentException($"{template}: the conversation has no messages.", nameof(messages));
        for (int i = 0; i < messages.Count; i++)
        {
            var m = messages[i] ?? throw new ArgumentException($"{template}: message {i} is null.", nameof(messages));
            if (m.Content is null) throw new ArgumentException($"{template}: message {i} ({m.Role}) has no content.", nameof(messages));
            if (!allowed.Contains(m.Role))
                throw new ArgumentException($"{template}: message {i} has role '{m.Role}'; expected one of {string.Join(", ", allowed)}.", nameof(messages));
        }
    }
}
