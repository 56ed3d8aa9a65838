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
        var (user, reply) = ChatRoleRules.SingleTurn(messages, Name);
        return user + reply;
    }
}
