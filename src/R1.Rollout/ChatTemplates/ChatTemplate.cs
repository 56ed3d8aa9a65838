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
    /// The template a tokenizer was shipped with or made for: the checkpoint's own Jinja template when its folder had one
    /// (<see cref="JinjaChatTemplate"/>, read when the tokenizer was loaded); otherwise, by vocabulary, ChatML when it has
    /// <c>&lt;|im_start|&gt;</c> (Qwen), DeepSeek-R1 when it has <c>&lt;｜User｜&gt;</c> (DeepSeek-V3/R1), else R1-Zero's
    /// plain-text prompt (as for <see cref="CharTokenizer"/>).
    /// </summary>
    /// <exception cref="ChatTemplateException">The shipped template cannot be parsed.</exception>
    public static IChatTemplate For(ITextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (tokenizer is HfTokenizer hf)
        {
            if (Shipped(hf.Config) is { } shipped) return shipped;
            if (hf.TokenToId(ChatMlTemplate.ImStart) is not null) return new ChatMlTemplate();
            if (hf.TokenToId(DeepSeekR1ChatTemplate.UserTag) is not null) return new DeepSeekR1ChatTemplate();
        }
        return new R1ZeroChatTemplate();
    }

    /// <summary>
    /// The Jinja chat template a model folder ships: <c>chat_template.jinja</c> if present, else the <c>chat_template</c> of
    /// <c>tokenizer_config.json</c> (a string, or the entry named <c>default</c> of a list), with that config's
    /// <c>bos_token</c> and <c>eos_token</c>. Null when the folder ships none.
    /// </summary>
    /// <exception cref="ChatTemplateException">The template cannot be parsed (the message names the line and column).</exception>
    /// <exception cref="InvalidDataException">The config is malformed, or lists templates without a <c>default</c>.</exception>
    public static JinjaChatTemplate? FromFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Model folder not found: '{folder}'.");
        return Shipped(HfTokenizerConfig.ReadFolder(folder));
    }

    private static JinjaChatTemplate? Shipped(HfTokenizerConfig config) =>
        string.IsNullOrWhiteSpace(config.ChatTemplate) ? null : new JinjaChatTemplate(config.ChatTemplate, config.BosToken, config.EosToken);
}
