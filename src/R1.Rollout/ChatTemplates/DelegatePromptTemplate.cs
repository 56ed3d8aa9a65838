using Microsoft.Extensions.AI;

namespace R1.Rollout.ChatTemplates;

/// <summary>
/// A single-turn template given as a function from the user's question to the model input (which ends where the answer
/// starts), for example <c>new DelegatePromptTemplate("short", q =&gt; $"User: {q}. Assistant:")</c>. A saved model records
/// <see cref="Name"/>; pass the same template when loading it.
/// </summary>
public sealed class DelegatePromptTemplate : IChatTemplate
{
    private readonly Func<string, string> _render;

    /// <summary>Creates the template.</summary>
    /// <param name="name">Its name (must not be a built-in one: see <see cref="ChatTemplate.Names"/>).</param>
    /// <param name="render">Turns the question into the model input, generation prompt included.</param>
    /// <exception cref="ArgumentException">The name is empty or built in.</exception>
    public DelegatePromptTemplate(string name, Func<string, string> render)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (ChatTemplate.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"'{name}' is a built-in template name; choose another.", nameof(name));
        Name = name;
        _render = render ?? throw new ArgumentNullException(nameof(render));
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    /// <remarks><c>[user]</c> renders <c>render(question)</c>; <c>[user, assistant]</c> appends the reply to it.</remarks>
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var (user, reply) = ChatRoleRules.SingleTurn(messages, Name);
        return _render(user) + reply;
    }
}
