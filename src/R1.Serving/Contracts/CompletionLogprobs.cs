namespace R1.Serving.Contracts;

/// <summary>OpenAI's legacy log-probs: per token its text, log-prob, most likely alternatives and character offset in the text.</summary>
internal sealed record CompletionLogprobs(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<float> TokenLogprobs,
    IReadOnlyList<Dictionary<string, float>> TopLogprobs,
    IReadOnlyList<int> TextOffset);
