using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using R1.Serving.Contracts;

namespace R1.Serving.Endpoints;

/// <summary>Runs a handler and turns refusals, malformed JSON and failures into OpenAI-style error responses.</summary>
internal static class ErrorHandling
{
    public static async Task Guard(HttpContext context, Func<HttpContext, Task> handler, ILogger logger)
    {
        try { await handler(context); }
        catch (OpenAiException e) { await Write(context, e); }
        catch (JsonException e) { await Write(context, OpenAiException.BadRequest($"The body is not valid JSON for this endpoint: {e.Message}")); }
        catch (BadHttpRequestException e) { await Write(context, OpenAiException.BadRequest(e.Message)); }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested) { }
        catch (Exception e)
        {
            logger.LogError(e, "Request {Path} failed", context.Request.Path);
            await Write(context, new OpenAiException(500, $"The server failed: {e.Message}"));
        }
    }

    public static async Task Write(HttpContext context, OpenAiException e)
    {
        if (context.Response.HasStarted) return;                       // a stream already under way just ends
        context.Response.StatusCode = e.Status;
        await context.Response.WriteAsJsonAsync(new ErrorBody(new ErrorDetail(e.Message, e.Type, e.Param, e.Code)), ServingJson.Options);
    }
}
