namespace R1.Rollout.ChatTemplates;

/// <summary>One message of a conversation: a role (<c>system</c>, <c>user</c> or <c>assistant</c>) and its text.</summary>
/// <param name="Role">The speaker; see <see cref="ChatRoles"/>.</param>
/// <param name="Content">The message text.</param>
public sealed record ChatMessage(string Role, string Content)
{
    /// <summary>A system message.</summary>
    public static ChatMessage System(string content) => new(ChatRoles.System, content);

    /// <summary>A user message.</summary>
    public static ChatMessage User(string content) => new(ChatRoles.User, content);

    /// <summary>An assistant message.</summary>
    public static ChatMessage Assistant(string content) => new(ChatRoles.Assistant, content);
}
