namespace R1.Serving.Contracts;

/// <summary>A served model; <c>max_model_len</c> is vLLM's field for the context length.</summary>
internal sealed record ModelCard(string Id, long Created, int MaxModelLen)
{
    public string Object => "model";

    public string OwnedBy => "r1mlnet";
}
