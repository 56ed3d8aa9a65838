using Microsoft.Extensions.AI;

namespace R1.Rollout.ChatTemplates;

/// <summary>
/// How a question becomes the model's input, and generated text becomes the completion the rewards see: a chat template
/// rendered with the generation prompt, then an optional <see cref="CompletionPrefix"/> prefilled as the start of the answer
/// (for example <c>&lt;think&gt;</c>). The one owner of prompt formatting for training, inference and evaluation.
/// </summary>
/// <param name="Template">The chat template. Its <see cref="IChatTemplate.Name"/> is what a saved model records.</param>
/// <param name="CompletionPrefix">Text placed after the rendered prompt; it is part of the completion. Default empty.</param>
public sealed record PromptFormat(IChatTemplate Template, string CompletionPrefix = "")
{
    /// <summary>The R1-Zero template (DeepSeek-R1 paper, table 1) with no prefix: the default everywhere.</summary>
    public static PromptFormat R1Zero { get; } = new(new R1ZeroChatTemplate());

    /// <summary>The question is the model input, unchanged (<see cref="RawPromptTemplate"/>), with no prefix.</summary>
    public static PromptFormat Raw { get; } = new(new RawPromptTemplate());

    /// <summary>
    /// The template called <paramref name="name"/> (see <see cref="ChatTemplate.FromName"/>) with <paramref name="completionPrefix"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static PromptFormat FromName(string name, string completionPrefix = "") => new(ChatTemplate.FromName(name), completionPrefix);

    /// <summary>The template.</summary>
    public IChatTemplate Template { get; init; } = Template ?? throw new ArgumentNullException(nameof(Template));

    /// <summary>The prefilled start of every completion.</summary>
    public string CompletionPrefix { get; init; } = CompletionPrefix ?? throw new ArgumentNullException(nameof(CompletionPrefix));

    /// <summary>The model input for <paramref name="question"/>: the rendered user turn, the generation prompt, then the prefix.</summary>
    public string Render(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Template.Render([new ChatMessage(ChatRole.User, question)], addGenerationPrompt: true) + CompletionPrefix;
    }

    /// <summary>The completion as the rewards see it: the prefix followed by <paramref name="generated"/>.</summary>
    public string Complete(string generated) => CompletionPrefix + generated;
}
