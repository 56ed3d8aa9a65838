namespace R1.Serving.Contracts;

/// <summary>A non-streamed chat completion (<c>object: chat.completion</c>).</summary>
internal sealed record ChatCompletion(string Id, long Created, string Model, IReadOnlyList<ChatChoice> Choices, Usage Usage)
{
    public string Object => "chat.completion";
}

/// <summary>One choice of a chat completion.</summary>
internal sealed record ChatChoice(int Index, AssistantMessage Message, string FinishReason)
{
    public object? Logprobs => null;
}

/// <summary>The assistant's message: the answer as <c>content</c>, the chain of thought as <c>reasoning_content</c>.</summary>
internal sealed record AssistantMessage(string Content, string? ReasoningContent)
{
    public string Role => "assistant";
}
