using System.Text.Json;
using Microsoft.AspNetCore.Http;
using R1.Serving.Contracts;

namespace R1.Serving.Endpoints;

/// <summary>Writes an SSE stream: <c>data: {json}</c> events, then <c>data: [DONE]</c>.</summary>
internal static class ServerSentEvents
{
    public static async Task StartAsync(HttpResponse response)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync();
    }

    public static async Task WriteAsync<T>(HttpResponse response, T value, CancellationToken cancellationToken)
    {
        await response.WriteAsync("data: " + JsonSerializer.Serialize(value, ServingJson.Options) + "\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    public static async Task DoneAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        await response.WriteAsync("data: [DONE]\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
