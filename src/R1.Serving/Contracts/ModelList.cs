namespace R1.Serving.Contracts;

/// <summary>The body of <c>GET /v1/models</c>.</summary>
internal sealed record ModelList(IReadOnlyList<ModelCard> Data)
{
    public string Object => "list";
}
