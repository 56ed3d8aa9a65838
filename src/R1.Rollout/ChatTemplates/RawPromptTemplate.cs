using Microsoft.Extensions.AI;

namespace R1.Rollout.ChatTemplates;

/// <summary>
/// No template: a single user message is the model input unchanged, and an assistant reply follows it directly.
/// For models trained on plain prompts, and for tests.
/// </summary>
public sealed class RawPromptTemplate : IChatTemplate
{
    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    /// <remarks><c>[user]</c> renders the user text; <c>[user, assistant]</c> the user text followed by the reply.</remarks>
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ChatRoleRules.Validate(messages, Name, ChatRole.User, ChatRole.Assistant);
        if (messages[0].Role != ChatRole.User || messages.Count > 2 || (messages.Count == 2 && messages[1].Role != ChatRole.Assistant))
            throw new ArgumentException(
                $"{Name}: expected one user message, optionally followed by one assistant reply (got {messages.Count} messages).",
                nameof(messages));
        return messages.Count == 2 ? messages[0].Text + messages[1].Text : messages[0].Text;
    }
}
