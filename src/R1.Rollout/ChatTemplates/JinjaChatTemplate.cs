using Microsoft.Extensions.AI;
using R1.Rollout.ChatTemplates.Jinja;

namespace R1.Rollout.ChatTemplates;

/// <summary>
/// A checkpoint's own chat template: the Jinja text of its <c>tokenizer_config.json</c> (<c>chat_template</c>) or
/// <c>chat_template.jinja</c>, rendered as transformers' <c>apply_chat_template</c> renders it. The template sees
/// <c>messages</c> (each with <c>role</c> and <c>content</c>), <c>add_generation_prompt</c>, <c>bos_token</c> and
/// <c>eos_token</c> (when the checkpoint names them) and <c>tools</c> (none). The text is parsed once, when the template is
/// created. Use <see cref="ChatTemplate.FromFolder"/> to read one from a model folder.
/// </summary>
public sealed class JinjaChatTemplate : IChatTemplate
{
    /// <summary>The <see cref="Name"/> of a template read from a checkpoint, unless another is given.</summary>
    public const string CheckpointName = "checkpoint";

    private static readonly ChatRole[] Roles = [ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool];

    private static readonly string[] Reserved = ["messages", "add_generation_prompt", "tools", "bos_token", "eos_token"];

    private readonly JinjaTemplate _template;
    private readonly IReadOnlyDictionary<string, object?> _variables = new Dictionary<string, object?>();

    /// <summary>Parses <paramref name="source"/>.</summary>
    /// <param name="source">The Jinja template text.</param>
    /// <param name="bosToken">The value of <c>bos_token</c>; left undefined when null. Default null.</param>
    /// <param name="eosToken">The value of <c>eos_token</c>; left undefined when null. Default null.</param>
    /// <param name="name">The <see cref="Name"/>. Default <see cref="CheckpointName"/>.</param>
    /// <exception cref="ChatTemplateException">
    /// The template has a syntax error or uses an unsupported feature (the message names the line and column).
    /// </exception>
    public JinjaChatTemplate(string source, string? bosToken = null, string? eosToken = null, string name = CheckpointName)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _template = JinjaTemplate.Parse(source);
        (BosToken, EosToken, Name) = (bosToken, eosToken, name);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The Jinja template text.</summary>
    public string Source => _template.Source;

    /// <summary>The <c>bos_token</c> the template sees (null: undefined).</summary>
    public string? BosToken { get; }

    /// <summary>The <c>eos_token</c> the template sees (null: undefined).</summary>
    public string? EosToken { get; }

    /// <summary>
    /// Extra variables the template sees, as transformers' <c>apply_chat_template(..., **kwargs)</c> passes them: for example
    /// <c>enable_thinking = false</c> for Qwen3's non-thinking prompt. Values: strings, booleans, numbers, null, lists and
    /// string-keyed dictionaries. Default none.
    /// </summary>
    /// <exception cref="ArgumentException">A name the template already receives (<c>messages</c>, <c>tools</c>, ...).</exception>
    public IReadOnlyDictionary<string, object?> Variables
    {
        get => _variables;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Keys.FirstOrDefault(Reserved.Contains) is { } taken)
                throw new ArgumentException($"'{taken}' is set by the chat template itself; it cannot be an extra variable.", nameof(Variables));
            _variables = new Dictionary<string, object?>(value, StringComparer.Ordinal);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ChatTemplateException">
    /// Rendering failed, or the template refused the conversation with <c>raise_exception</c> (for example roles that do not
    /// alternate); <see cref="ChatTemplateException.RaisedByTemplate"/> tells the two apart.
    /// </exception>
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ChatRoleRules.Validate(messages, Name, Roles);
        var context = new Dictionary<string, object?>(_variables, StringComparer.Ordinal)
        {
            ["messages"] = messages.Select(m => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["role"] = m.Role.Value.ToLowerInvariant(),
                ["content"] = m.Text,
            }).ToList(),
            ["add_generation_prompt"] = addGenerationPrompt,
            ["tools"] = null,
        };
        if (BosToken is not null) context["bos_token"] = BosToken;
        if (EosToken is not null) context["eos_token"] = EosToken;
        return _template.Render(context);
    }
}
