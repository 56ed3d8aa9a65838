namespace R1.Serving.Contracts;

/// <summary>
/// A served model; <c>max_model_len</c> is vLLM's field for the context length. A LoRA adapter has <c>parent</c> = the base id
/// and <c>root</c> = its folder, as vLLM lists them.
/// </summary>
internal sealed record ModelCard(string Id, long Created, int MaxModelLen, string? Root = null, string? Parent = null)
{
    public string Object => "model";

    public string OwnedBy => "r1mlnet";
}
