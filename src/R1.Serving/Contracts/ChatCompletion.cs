namespace R1.Serving.Contracts;

/// <summary>A non-streamed chat completion (<c>object: chat.completion</c>).</summary>
internal sealed record ChatCompletion(string Id, long Created, string Model, IReadOnlyList<ChatChoice> Choices, Usage Usage)
{
    public string Object => "chat.completion";
}
