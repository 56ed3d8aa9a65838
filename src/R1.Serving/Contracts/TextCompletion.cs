namespace R1.Serving.Contracts;

/// <summary>A text completion (<c>object: text_completion</c>).</summary>
internal sealed record TextCompletion(string Id, long Created, string Model, IReadOnlyList<TextChoice> Choices, Usage? Usage)
{
    public string Object => "text_completion";
}
