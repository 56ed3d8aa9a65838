using Microsoft.AspNetCore.Http;
using R1.Serving.Batching;
using R1.Serving.Contracts;
using R1.Serving.Hosting;

namespace R1.Serving.Endpoints;

/// <summary><c>GET /v1/models</c> (the served model) and <c>GET /health</c> (status and the batcher's counters).</summary>
internal sealed class InfoEndpoints(ServedModel model, DecodeBatcher batcher)
{
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public IResult Models() => Results.Json(new ModelList([new ModelCard(model.Id, _created, model.ContextLength)]), ServingJson.Options);

    public IResult Health() => Results.Json(new HealthReport("ok", model.Id, batcher.Stats), ServingJson.Options);
}
