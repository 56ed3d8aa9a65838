namespace R1.Serving.Contracts;

/// <summary>One choice of a chat completion.</summary>
internal sealed record ChatChoice(int Index, AssistantMessage Message, string FinishReason)
{
    public object? Logprobs => null;
}
