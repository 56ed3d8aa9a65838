using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using R1.Rollout.ChatTemplates;

namespace R1.MLNet.Inference;

/// <summary>
/// Named prompt templates, so that a model's prompt format can be saved by name: <see cref="None"/>, any
/// <see cref="ChatTemplate"/> name, or a custom formatter added with <see cref="Register"/> (register it again before loading).
/// </summary>
public static class PromptTemplates
{
    /// <summary>The R1-Zero training template (DeepSeek-R1 paper, table 1). The default.</summary>
    public const string R1Zero = "r1-zero";

    /// <summary>The question is the model input, unchanged.</summary>
    public const string None = "none";

    private static readonly ConcurrentDictionary<string, Func<string, string>> Cache = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, Func<string, string>> Custom = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers (or replaces) a custom template under <paramref name="name"/>, which must not be a built-in name.</summary>
    public static void Register(string name, Func<string, string> formatter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(formatter);
        if (string.Equals(name, None, StringComparison.OrdinalIgnoreCase) || ChatTemplate.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"'{name}' is a built-in template name; choose another.", nameof(name));
        Custom[name] = formatter;
    }

    /// <summary>The formatter called <paramref name="name"/>: <c>none</c>, <c>r1-zero</c>, <c>deepseek-r1</c>, <c>chatml</c> or a registered one.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Func<string, string> Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (string.Equals(name, None, StringComparison.OrdinalIgnoreCase)) return static q => q;
        if (Custom.TryGetValue(name, out var custom)) return custom;
        return Cache.GetOrAdd(name, static n =>
        {
            var template = ChatTemplate.FromName(n);
            return q => template.Render([new ChatMessage(ChatRole.User, q)], addGenerationPrompt: true);
        });
    }
}
