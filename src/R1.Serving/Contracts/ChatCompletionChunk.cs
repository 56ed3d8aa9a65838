namespace R1.Serving.Contracts;

/// <summary>One server-sent event of a streamed chat completion (<c>object: chat.completion.chunk</c>).</summary>
internal sealed record ChatCompletionChunk(string Id, long Created, string Model, IReadOnlyList<ChunkChoice> Choices, Usage? Usage = null)
{
    public string Object => "chat.completion.chunk";
}

/// <summary>A choice's delta; the last chunk of a choice has its <c>finish_reason</c>.</summary>
internal sealed record ChunkChoice(int Index, ChunkDelta Delta, string? FinishReason = null);

/// <summary>New text of the answer (<c>content</c>) or of the reasoning (<c>reasoning_content</c>); the first delta has the role.</summary>
internal sealed record ChunkDelta(string? Role = null, string? Content = null, string? ReasoningContent = null);
