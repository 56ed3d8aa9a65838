namespace R1.Serving.Contracts;

/// <summary>A text completion (<c>object: text_completion</c>).</summary>
internal sealed record TextCompletion(string Id, long Created, string Model, IReadOnlyList<TextChoice> Choices, Usage Usage)
{
    public string Object => "text_completion";
}

/// <summary>One choice of a text completion.</summary>
internal sealed record TextChoice(int Index, string Text, CompletionLogprobs? Logprobs, string FinishReason);

/// <summary>OpenAI's legacy log-probs: per token its text, log-prob, most likely alternatives and character offset in the text.</summary>
internal sealed record CompletionLogprobs(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<float> TokenLogprobs,
    IReadOnlyList<Dictionary<string, float>> TopLogprobs,
    IReadOnlyList<int> TextOffset);
