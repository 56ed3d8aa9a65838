using Microsoft.Extensions.AI;
using R1.Rollout.ChatTemplates;

namespace R1.MLNet.Training;

/// <summary>The default prompt formatting of the trainers: the DeepSeek-R1-Zero template.</summary>
public static class PromptFormatting
{
    private static readonly R1ZeroChatTemplate R1Zero = new();

    /// <summary>Renders <paramref name="prompt"/> with the R1-Zero template, ending with <c>Assistant:</c>.</summary>
    public static string R1ZeroTemplate(string prompt) => R1Zero.Render([new ChatMessage(ChatRole.User, prompt)], addGenerationPrompt: true);

    /// <summary><paramref name="formatter"/>, or the R1-Zero template when it is <see langword="null"/>.</summary>
    public static Func<string, string> OrDefault(Func<string, string>? formatter) => formatter ?? R1ZeroTemplate;
}
