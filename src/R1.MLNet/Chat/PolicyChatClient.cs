using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using R1.Rewards.Format;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Generation;

namespace R1.MLNet.Chat;

/// <summary>
/// A <see cref="Policy"/> as a Microsoft.Extensions.AI <see cref="IChatClient"/>: the conversation is rendered with the chat
/// template, <see cref="ChatOptions"/> map onto <see cref="SamplingOptions"/>, and the reasoning comes back as
/// <see cref="TextReasoningContent"/>, apart from the answer text. One request runs at a time (the policy is not thread-safe).
/// </summary>
internal sealed class PolicyChatClient : IChatClient
{
    private readonly Policy _policy;
    private readonly IChatTemplate _template;
    private readonly SamplingOptions _defaults;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ChatClientMetadata _metadata;
    private readonly bool _ownsPolicy;

    public PolicyChatClient(Policy policy, IChatTemplate template, SamplingOptions defaults, string modelId, bool ownsPolicy = false)
    {
        _policy = policy;
        _ownsPolicy = ownsPolicy;
        _template = template;
        _defaults = defaults;
        _metadata = new ChatClientMetadata("r1mlnet", null, modelId);
    }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (prompt, _, sampling, opened) = Prepare(messages, options);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        GenerationResult result;
        try { result = await Task.Run(() => _policy.Generate([prompt], sampling)[0], cancellationToken).ConfigureAwait(false); }
        finally { _gate.Release(); }
        var (reasoning, answer) = ReasoningStreamSplitter.Split(result.Text, opened);
        var message = new ChatMessage(ChatRole.Assistant, Contents(reasoning, answer));
        return new ChatResponse(message)
        {
            ModelId = options?.ModelId ?? _metadata.DefaultModelId,
            FinishReason = result.FinishReason == FinishReason.Stop ? ChatFinishReason.Stop : ChatFinishReason.Length,
            Usage = new UsageDetails
            {
                InputTokenCount = prompt.Count, OutputTokenCount = result.CompletionIds.Count,
                TotalTokenCount = prompt.Count + result.CompletionIds.Count,
            },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (_, text, sampling, opened) = Prepare(messages, options);
        var splitter = new ReasoningStreamSplitter(opened);
        string modelId = options?.ModelId ?? _metadata.DefaultModelId!;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var piece in _policy.StreamAsync(text, sampling, cancellationToken)
                               .ConfigureAwait(false))
            {
                var (reasoning, answer) = splitter.Append(piece);
                if (reasoning.Length + answer.Length > 0) yield return Update(reasoning, answer, modelId);
            }
            var (lastReasoning, lastAnswer) = splitter.Append("", final: true);
            if (lastReasoning.Length + lastAnswer.Length > 0) yield return Update(lastReasoning, lastAnswer, modelId);
        }
        finally { _gate.Release(); }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType == typeof(Policy) ? _policy
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        _gate.Dispose();
        if (_ownsPolicy) _policy.Dispose();
    }

    private (IReadOnlyList<int> Prompt, string Text, SamplingOptions Sampling, bool ThinkOpened) Prepare(IEnumerable<ChatMessage> messages,
        ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        if (list.Count == 0) throw new ArgumentException("The conversation has no message.", nameof(messages));
        string text = _template.Render(list, addGenerationPrompt: true);
        var prompt = _policy.Tokenizer.Encode(text);
        return (prompt, text, ChatSampling.From(_defaults, options), ReasoningCompletion.PromptOpensThink(text));
    }

    private static List<AIContent> Contents(string reasoning, string answer)
    {
        var contents = new List<AIContent>();
        if (reasoning.Length > 0) contents.Add(new TextReasoningContent(reasoning));
        if (answer.Length > 0 || contents.Count == 0) contents.Add(new TextContent(answer));
        return contents;
    }

    private static ChatResponseUpdate Update(string reasoning, string answer, string modelId) =>
        new(ChatRole.Assistant, Contents(reasoning, answer)) { ModelId = modelId };
}
