namespace R1.Serving.Contracts;

/// <summary>One server-sent event of a streamed chat completion (<c>object: chat.completion.chunk</c>).</summary>
internal sealed record ChatCompletionChunk(string Id, long Created, string Model, IReadOnlyList<ChunkChoice> Choices, Usage? Usage = null)
{
    public string Object => "chat.completion.chunk";
}
