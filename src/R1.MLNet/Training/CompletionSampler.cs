using Microsoft.Extensions.AI;
using R1.Rewards.Format;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Generation;

namespace R1.MLNet.Training;

/// <summary>
/// The one completion-sampling path of training, inference and evaluation: <see cref="PromptFormat.Render"/> each question,
/// encode, generate in one batched call, and return each generation with its completion text as the rewards see it
/// (<see cref="PromptFormat.Complete"/>: the prefix followed by the generated text).
/// </summary>
internal sealed class CompletionSampler(Policy policy, PromptFormat prompt)
{
    /// <summary>The prompt format in use.</summary>
    public PromptFormat Prompt { get; } = prompt;

    /// <summary>
    /// Whether the template's generation prompt ends inside an open <c>&lt;think&gt;</c> (DeepSeek-R1 forces one), so that a
    /// completion without think tags is unfinished reasoning rather than a plain answer.
    /// </summary>
    public bool PromptOpensThink { get; } =
        ReasoningCompletion.PromptOpensThink(prompt.Template.Render([new ChatMessage(ChatRole.User, "?")], addGenerationPrompt: true));

    /// <summary>The token ids of each question's model input.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Encode(IReadOnlyList<string> questions) =>
        questions.Select(q => (IReadOnlyList<int>)policy.Tokenizer.Encode(Prompt.Render(q))).ToList();

    /// <summary>One completion per question, in one batch.</summary>
    public IReadOnlyList<SampledCompletion> Sample(IReadOnlyList<string> questions, SamplingOptions sampling) =>
        policy.Generate(Encode(questions), sampling).Select(ToCompletion).ToList();

    /// <summary><c>[i][j]</c>: completion j of question i, <paramref name="k"/> per question, in one batch (the prefill is shared).</summary>
    public IReadOnlyList<IReadOnlyList<SampledCompletion>> SampleGroups(IReadOnlyList<string> questions, int k, SamplingOptions sampling) =>
        policy.GenerateGroups(Encode(questions), k, sampling)
            .Select(group => (IReadOnlyList<SampledCompletion>)group.Select(ToCompletion).ToArray())
            .ToList();

    private SampledCompletion ToCompletion(GenerationResult result) => new(result, Prompt.Complete(result.Text), PromptOpensThink);
}

/// <summary>One sampled completion.</summary>
/// <param name="Generation">What the generator returned (ids, log-probs, finish reason).</param>
/// <param name="Text">The completion as the rewards see it: the prompt format's prefix followed by the generated text.</param>
/// <param name="PromptOpensThink">Whether the prompt opened the think block the completion starts in.</param>
internal sealed record SampledCompletion(GenerationResult Generation, string Text, bool PromptOpensThink)
{
    /// <summary>The completion as an answer matcher must read it: with the prompt's opening <c>&lt;think&gt;</c> put back.</summary>
    public string ForMatching => ForMatchingOf(Text, PromptOpensThink);

    /// <summary><paramref name="text"/> with <c>&lt;think&gt;</c> in front when the prompt opened the think block.</summary>
    public static string ForMatchingOf(string text, bool promptOpensThink) => promptOpensThink ? "<think>" + text : text;
}
