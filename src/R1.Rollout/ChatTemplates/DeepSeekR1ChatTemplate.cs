using System.Text;
using Microsoft.Extensions.AI;

namespace R1.Rollout.ChatTemplates;

/// <summary>
/// DeepSeek-R1's chat format (the <c>chat_template</c> of DeepSeek-V3/R1's <c>tokenizer_config.json</c>, without tools):
/// <c>&lt;｜begin▁of▁sentence｜&gt;{system}</c>, then <c>&lt;｜User｜&gt;{content}</c> per user turn and
/// <c>&lt;｜Assistant｜&gt;{content}&lt;｜end▁of▁sentence｜&gt;</c> per assistant turn. System messages are joined with a
/// blank line and placed first. The generation prompt is <c>&lt;｜Assistant｜&gt;</c> followed by <c>&lt;think&gt;\n</c>,
/// which DeepSeek recommends forcing so that R1 always reasons (set <see cref="ForceThink"/> to false to leave it out).
/// Earlier assistant replies are kept verbatim, reasoning included, as the reference template does.
/// </summary>
public sealed class DeepSeekR1ChatTemplate : IChatTemplate
{
    /// <summary>The beginning-of-sentence token.</summary>
    public const string Bos = "<｜begin▁of▁sentence｜>";

    /// <summary>The end-of-sentence token, closing each assistant turn.</summary>
    public const string Eos = "<｜end▁of▁sentence｜>";

    /// <summary>Opens a user turn.</summary>
    public const string UserTag = "<｜User｜>";

    /// <summary>Opens an assistant turn.</summary>
    public const string AssistantTag = "<｜Assistant｜>";

    /// <summary>What the generation prompt forces the model to start with.</summary>
    public const string ThinkPrefix = "<think>\n";

    /// <summary>Creates the template.</summary>
    /// <param name="forceThink">Whether the generation prompt ends with <c>&lt;think&gt;\n</c> (default true).</param>
    public DeepSeekR1ChatTemplate(bool forceThink = true) => ForceThink = forceThink;

    /// <summary>Whether the generation prompt ends with <see cref="ThinkPrefix"/>.</summary>
    public bool ForceThink { get; }

    /// <inheritdoc />
    public string Name => "deepseek-r1";

    /// <inheritdoc />
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ChatRoleRules.Validate(messages, Name, ChatRole.System, ChatRole.User, ChatRole.Assistant);
        var sb = new StringBuilder(Bos);
        sb.AppendJoin("\n\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        foreach (var m in messages)
        {
            if (m.Role == ChatRole.User) sb.Append(UserTag).Append(m.Text);
            else if (m.Role == ChatRole.Assistant) sb.Append(AssistantTag).Append(m.Text).Append(Eos);
        }
        if (addGenerationPrompt) sb.Append(AssistantTag).Append(ForceThink ? ThinkPrefix : "");
        return sb.ToString();
    }
}
