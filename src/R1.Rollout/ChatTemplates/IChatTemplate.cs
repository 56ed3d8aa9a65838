using Microsoft.Extensions.AI;

namespace R1.Rollout.ChatTemplates;

/// <summary>Turns a conversation into the prompt text a model was trained on.</summary>
public interface IChatTemplate
{
    /// <summary>A short name, for example <c>r1-zero</c>, <c>deepseek-r1</c> or <c>chatml</c>.</summary>
    string Name { get; }

    /// <summary>Renders the conversation.</summary>
    /// <param name="messages">
    ///     The messages, oldest first: Microsoft.Extensions.AI messages whose <see cref="ChatMessage.Text"/> is rendered under their
    ///     <see cref="ChatMessage.Role"/> (<see cref="ChatRole.System"/>, <see cref="ChatRole.User"/> or <see cref="ChatRole.Assistant"/>,
    ///     as far as the template supports them).
    /// </param>
    /// <param name="addGenerationPrompt">Whether to end with the text that opens the assistant's next turn.</param>
    /// <exception cref="ArgumentException">
    /// The conversation is empty or has a message the template cannot render (another role, or contents other than text).
    /// </exception>
    string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt);
}
