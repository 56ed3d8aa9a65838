namespace R1.Serving.Contracts;

/// <summary>The assistant's message: the answer as <c>content</c>, the chain of thought as <c>reasoning_content</c>.</summary>
internal sealed record AssistantMessage(string Content, string? ReasoningContent)
{
    public string Role => "assistant";
}
