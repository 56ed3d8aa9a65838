namespace R1.Serving.Contracts;

/// <summary>One choice of a text completion.</summary>
internal sealed record TextChoice(int Index, string Text, CompletionLogprobs? Logprobs, string? FinishReason);
