namespace R1.Serving.Contracts;

/// <summary>Token counts of a request.</summary>
internal sealed record Usage(int PromptTokens, int CompletionTokens)
{
    public int TotalTokens => PromptTokens + CompletionTokens;
}
