using System.Collections.Concurrent;
using R1.Rollout.ChatTemplates;

namespace R1.MLNet.Inference;

/// <summary>Named prompt templates that can be saved with a model: <see cref="None"/> or any <see cref="ChatTemplate"/> name.</summary>
public static class PromptTemplates
{
    /// <summary>The R1-Zero training template (DeepSeek-R1 paper, table 1). The default.</summary>
    public const string R1Zero = "r1-zero";

    /// <summary>The question is the model input, unchanged.</summary>
    public const string None = "none";

    private static readonly ConcurrentDictionary<string, Func<string, string>> Cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The formatter called <paramref name="name"/>: <c>none</c>, <c>r1-zero</c>, <c>deepseek-r1</c> or <c>chatml</c>.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Func<string, string> Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (string.Equals(name, None, StringComparison.OrdinalIgnoreCase)) return static q => q;
        return Cache.GetOrAdd(name, static n =>
        {
            var template = ChatTemplate.FromName(n);
            return q => template.Render([ChatMessage.User(q)], addGenerationPrompt: true);
        });
    }
}
