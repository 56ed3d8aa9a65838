using R1.Rollout.Tokenization;

namespace R1.Rollout.ChatTemplates;

/// <summary>Finds a chat template by name, or the natural one for a tokenizer.</summary>
public static class ChatTemplate
{
    /// <summary>The names <see cref="FromName"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["r1-zero", "deepseek-r1", "chatml", "none"];

    /// <summary>
    /// Returns the template called <paramref name="name"/> (<c>r1-zero</c>, <c>deepseek-r1</c>, <c>chatml</c> or <c>none</c>, case-insensitive).
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static IChatTemplate FromName(string name) => name?.ToLowerInvariant() switch
    {
        "r1-zero" => new R1ZeroChatTemplate(),
        "deepseek-r1" => new DeepSeekR1ChatTemplate(),
        "chatml" => new ChatMlTemplate(),
        "none" => new RawPromptTemplate(),
        _ => throw new ArgumentException($"Unknown chat template '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// The template a tokenizer's vocabulary was made for: ChatML when it has <c>&lt;|im_start|&gt;</c> (Qwen),
    /// DeepSeek-R1 when it has <c>&lt;｜User｜&gt;</c> (DeepSeek-V3/R1), otherwise R1-Zero's plain-text prompt
    /// (as for <see cref="CharTokenizer"/>).
    /// </summary>
    public static IChatTemplate For(ITextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (tokenizer is HfTokenizer hf)
        {
            if (hf.TokenToId(ChatMlTemplate.ImStart) is not null) return new ChatMlTemplate();
            if (hf.TokenToId(DeepSeekR1ChatTemplate.UserTag) is not null) return new DeepSeekR1ChatTemplate();
        }
        return new R1ZeroChatTemplate();
    }
}
