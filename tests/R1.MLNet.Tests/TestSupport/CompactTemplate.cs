using Microsoft.Extensions.AI;
using R1.Rollout.ChatTemplates;

namespace R1.MLNet.Tests.TestSupport;

/// <summary>A short test template: <c>User: {q}. Assistant:</c>, so prompts stay a few tokens long.</summary>
internal sealed class CompactTemplate : IChatTemplate
{
    public string Name => "test-compact";

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        string prompt = $"User: {messages[0].Text}.";
        if (messages.Count > 1) return prompt + " Assistant:" + messages[1].Text;
        return addGenerationPrompt ? prompt + " Assistant:" : prompt;
    }
}
