using Microsoft.Extensions.AI;

namespace R1.Rollout.ChatTemplates;

/// <summary>
/// The prompt DeepSeek-R1-Zero was trained with (DeepSeek-R1 paper, table 1): a fixed preamble asking for
/// <c>&lt;think&gt;</c> and <c>&lt;answer&gt;</c> tags, then <c>User: {prompt}. Assistant:</c>.
/// The conversation is a single user message, optionally followed by the assistant's reply (for a full training example).
/// </summary>
public sealed class R1ZeroChatTemplate : IChatTemplate
{
    /// <summary>The fixed text before <c>User:</c>.</summary>
    public const string Preamble =
        "A conversation between User and Assistant. The user asks a question, and the Assistant solves it. " +
        "The assistant first thinks about the reasoning process in the mind and then provides the user with the answer. " +
        "The reasoning process and answer are enclosed within <think> </think> and <answer> </answer> tags, respectively, " +
        "i.e., <think> reasoning process here </think> <answer> answer here </answer>.";

    /// <inheritdoc />
    public string Name => "r1-zero";

    /// <inheritdoc />
    /// <remarks>
    /// <c>[user]</c> renders <c>{Preamble} User: {prompt}.</c> followed by <c> Assistant:</c> when <paramref name="addGenerationPrompt"/> is set;
    /// <c>[user, assistant]</c> renders the prompt with <c> Assistant:</c> followed directly by the reply.
    /// </remarks>
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var (user, reply) = ChatRoleRules.SingleTurn(messages, Name);
        string prompt = $"{Preamble} User: {user}.";
        if (reply is not null) return prompt + " Assistant:" + reply;
        return addGenerationPrompt ? prompt + " Assistant:" : prompt;
    }
}
