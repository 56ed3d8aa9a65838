using Microsoft.AspNetCore.Builder;
using R1.Serving.Batching;
using R1.Serving.Hosting;

namespace R1.Serving;

/// <summary>A server started by <see cref="OpenAiServer.StartAsync"/>: where it listens; dispose it to stop it and free the model.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DecodeBatcher _batcher;
    private readonly ServedModel _model;
    private readonly AdapterRegistry _adapters;

    internal RunningServer(WebApplication app, DecodeBatcher batcher, AdapterRegistry adapters, ServedModel model, Uri baseAddress)
    {
        _adapters = adapters;
        _app = app;
        _batcher = batcher;
        _model = model;
        BaseAddress = baseAddress;
    }

    /// <summary>Completes when the host begins to stop (e.g. Ctrl+C in a console).</summary>
    internal CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>The batcher's counters (tests read them).</summary>
    internal Contracts.BatchingStats Stats => _batcher.Stats;

    /// <summary>The first address it listens on, e.g. <c>http://127.0.0.1:8000/</c> (the real port when the URL asked for port 0).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The OpenAI-style API root, <see cref="BaseAddress"/> + <c>v1/</c>: what an OpenAI client's endpoint is set to.</summary>
    public Uri ApiAddress => new(BaseAddress, "v1/");

    /// <summary>The model id the server answers to.</summary>
    public string ModelId => _model.Id;

    /// <summary>Stops listening, ends the decode loop, and disposes the policy.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _batcher.DisposeAsync();
        await _adapters.DisposeAsync();
        _model.Dispose();
    }
}
