using Microsoft.AspNetCore.Http;
using R1.Serving.Batching;
using R1.Serving.Contracts;
using R1.Serving.Hosting;

namespace R1.Serving.Endpoints;

/// <summary>
/// <c>GET /v1/models</c> (the served model and its loaded LoRA adapters) and <c>GET /health</c> (status, the base's and the
/// adapters' batching counters).
/// </summary>
internal sealed class InfoEndpoints(ServedModel model, DecodeBatcher batcher, AdapterRegistry adapters)
{
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public IResult Models()
    {
        var cards = new List<ModelCard> { new(model.Id, _created, model.ContextLength) };
        cards.AddRange(adapters.Loaded.OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => new ModelCard(a.Name, a.Created, model.ContextLength, a.Path, model.Id)));
        return Results.Json(new ModelList(cards), ServingJson.Options);
    }

    public IResult Health() => Results.Json(new HealthReport("ok", model.Id, batcher.Stats, adapters.Stats), ServingJson.Options);
}
