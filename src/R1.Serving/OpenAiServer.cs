using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using R1.Serving.Batching;
using R1.Serving.Endpoints;
using R1.Serving.Hosting;

namespace R1.Serving;

/// <summary>
/// The OpenAI-compatible server: an ASP.NET Core minimal-API host over a policy, with <c>/v1/chat/completions</c> (whole or
/// streamed, the reasoning as <c>reasoning_content</c>), <c>/v1/completions</c> (with <c>logprobs</c>), <c>/v1/models</c> and
/// <c>/health</c>, and with <see cref="ServerOptions.EnableLora"/> vLLM's <c>/v1/load_lora_adapter</c> and
/// <c>/v1/unload_lora_adapter</c>. Concurrent requests that arrive within <see cref="ServerOptions.BatchWindow"/> share one decode batch.
/// </summary>
public static class OpenAiServer
{
    /// <summary>Loads <see cref="ServerOptions.ModelPath"/>, serves it until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="FileNotFoundException">Nothing is at <see cref="ServerOptions.ModelPath"/>.</exception>
    public static async Task RunAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        await using var server = await StartAsync(options, cancellationToken);
        Console.WriteLine($"Serving '{server.ModelId}' at {server.ApiAddress} (OpenAI-compatible; Ctrl+C stops)");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Stopping);
        try { await Task.Delay(Timeout.Infinite, stop.Token); }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// Loads the model and starts listening; returns once the server accepts requests. Dispose the result to stop it.
    /// With port 0 in <see cref="ServerOptions.Urls"/> the system picks a free port: read <see cref="RunningServer.BaseAddress"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="FileNotFoundException">Nothing is at <see cref="ServerOptions.ModelPath"/>.</exception>
    public static async Task<RunningServer> StartAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var model = ServedModel.Load(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("R1.Serving");
        var batcher = new DecodeBatcher(model.Policy, options, logger);
        var adapters = new AdapterRegistry(model, options, logger);
        try
        {
            Map(app, model, batcher, adapters, options, logger);
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            await batcher.DisposeAsync();
            await adapters.DisposeAsync();
            model.Dispose();
            throw;
        }
        var address = new Uri(app.Urls.First().Replace("[::]", "localhost").TrimEnd('/') + "/");
        return new RunningServer(app, batcher, adapters, model, address);
    }

    private static void Map(WebApplication app, ServedModel model, DecodeBatcher batcher, AdapterRegistry adapters, ServerOptions options,
        ILogger logger)
    {
        var chat = new ChatCompletionsEndpoint(model, batcher, adapters, options);
        var completions = new CompletionsEndpoint(model, batcher, adapters, options);
        var info = new InfoEndpoints(model, batcher, adapters);
        var lora = new LoraAdapterEndpoints(adapters, options);
        app.MapPost("/v1/load_lora_adapter", (HttpContext c) => ErrorHandling.Guard(c, lora.LoadAsync, logger));
        app.MapPost("/v1/unload_lora_adapter", (HttpContext c) => ErrorHandling.Guard(c, lora.UnloadAsync, logger));
        app.MapPost("/v1/chat/completions", (HttpContext c) => ErrorHandling.Guard(c, chat.HandleAsync, logger));
        app.MapPost("/v1/completions", (HttpContext c) => ErrorHandling.Guard(c, completions.HandleAsync, logger));
        app.MapGet("/v1/models", info.Models);
        app.MapGet("/health", info.Health);
    }
}
