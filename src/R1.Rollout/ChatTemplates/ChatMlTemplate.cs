using System.Text;
using Microsoft.Extensions.AI;

namespace R1.Rollout.ChatTemplates;

/// <summary>
/// ChatML, the format of Qwen's chat models: each message is <c>&lt;|im_start|&gt;{role}\n{content}&lt;|im_end|&gt;\n</c>
/// and the generation prompt is <c>&lt;|im_start|&gt;assistant\n</c>. No default system prompt is added.
/// </summary>
public sealed class ChatMlTemplate : IChatTemplate
{
    /// <summary>Opens a message.</summary>
    public const string ImStart = "<|im_start|>";

    /// <summary>Closes a message.</summary>
    public const string ImEnd = "<|im_end|>";

    /// <inheritdoc />
    public string Name => "chatml";

    /// <inheritdoc />
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ChatRoleRules.Validate(messages, Name, ChatRole.System, ChatRole.User, ChatRole.Assistant);
        var sb = new StringBuilder();
        foreach (var m in messages) sb.Append(ImStart).Append(m.Role.Value.ToLowerInvariant()).Append('\n').Append(m.Text).Append(ImEnd).Append('\n');
        if (addGenerationPrompt) sb.Append(ImStart).Append(ChatRole.Assistant.Value).Append('\n');
        return sb.ToString();
    }
}
