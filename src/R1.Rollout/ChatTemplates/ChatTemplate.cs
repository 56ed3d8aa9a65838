namespace R1.Rollout.ChatTemplates;

/// <summary>Finds a chat template by name.</summary>
public static class ChatTemplate
{
    /// <summary>The names <see cref="FromName"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["r1-zero", "deepseek-r1", "chatml"];

    /// <summary>Returns the template called <paramref name="name"/> (<c>r1-zero</c>, <c>deepseek-r1</c> or <c>chatml</c>, case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static IChatTemplate FromName(string name) => name?.ToLowerInvariant() switch
    {
        "r1-zero" => new R1ZeroChatTemplate(),
        "deepseek-r1" => new DeepSeekR1ChatTemplate(),
        "chatml" => new ChatMlTemplate(),
        _ => throw new ArgumentException($"Unknown chat template '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
    };
}
