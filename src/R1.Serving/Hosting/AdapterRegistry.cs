using Microsoft.Extensions.Logging;
using R1.Rollout.Lora;
using R1.Serving.Batching;
using R1.Serving.Contracts;
using R1.Serving.Endpoints;

namespace R1.Serving.Hosting;

/// <summary>
/// The LoRA adapters loaded at run time (vLLM's <c>/v1/load_lora_adapter</c>), by name, each beside the base model with its own
/// weights and decode loop (<see cref="LoadedAdapter"/>). Loads and unloads are serialised; lookups are lock-free. <see cref="Stats"/>
/// keeps counting an adapter's batches after it is unloaded (a trainer retires one adapter per step).
/// </summary>
internal sealed class AdapterRegistry(ServedModel model, ServerOptions options, ILogger logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _statsLock = new();
    private readonly List<LoadedAdapter> _draining = [];
    private volatile IReadOnlyDictionary<string, LoadedAdapter> _adapters = new Dictionary<string, LoadedAdapter>();
    private BatchingStats _retired = BatchingStats.None;

    public IReadOnlyCollection<LoadedAdapter> Loaded => _adapters.Values.ToList();

    /// <summary>The decode loops of every adapter since start: those loaded, being unloaded, and unloaded.</summary>
    public BatchingStats Stats
    {
        get
        {
            lock (_statsLock) return _adapters.Values.Concat(_draining).Aggregate(_retired, (sum, a) => sum + a.Batcher.Stats);
        }
    }

    public LoadedAdapter? Find(string name) => _adapters.GetValueOrDefault(name);

    /// <summary>
    /// Loads the PEFT folder as <paramref name="name"/>; refuses (400) a taken name, a full server or an adapter that does not fit.
    /// </summary>
    public async Task LoadAsync(string name, string path, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (name == model.Id || _adapters.ContainsKey(name))
                throw OpenAiException.BadRequest($"The LoRA adapter '{name}' has already been loaded.", "lora_name");
            if (_adapters.Count >= options.MaxLoras)
                throw OpenAiException.BadRequest(
                    $"The server already holds MaxLoras = {options.MaxLoras} adapters; unload one first.", "lora_name");
            if (!PeftAdapter.Exists(path))
                throw OpenAiException.BadRequest($"No PEFT adapter at '{path}' ({PeftAdapter.ConfigFile} is missing).", "lora_path");
            var policy = Clone(path);
            var adapter = new LoadedAdapter(name, path, policy, new DecodeBatcher(policy, options, logger));
            _adapters = new Dictionary<string, LoadedAdapter>(_adapters) { [name] = adapter };
        }
        finally { _gate.Release(); }
    }

    /// <summary>Unloads <paramref name="name"/> (404 when unknown) once the requests queued for it are decoded.</summary>
    public async Task UnloadAsync(string name, CancellationToken cancellationToken)
    {
        LoadedAdapter adapter;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            adapter = Find(name) ?? throw new OpenAiException(
                404, $"The LoRA adapter '{name}' is not loaded.", "lora_name", "model_not_found", "not_found_error");
            var rest = new Dictionary<string, LoadedAdapter>(_adapters);
            rest.Remove(name);
            lock (_statsLock)
            {
                _draining.Add(adapter);
                _adapters = rest;
            }
        }
        finally { _gate.Release(); }
        await adapter.DisposeAsync();
        lock (_statsLock)
        {
            _draining.Remove(adapter);
            _retired += adapter.Batcher.Stats;
        }
    }

    private Rollout.Policy Clone(string path)
    {
        try { return model.Policy.CloneWithAdapter(path); }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or ArgumentException)
        {
            throw OpenAiException.BadRequest($"The adapter at '{path}' does not fit the base model '{model.Id}': {e.Message}", "lora_path");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var adapter in _adapters.Values) await adapter.DisposeAsync();
        _adapters = new Dictionary<string, LoadedAdapter>();
        _gate.Dispose();
    }
}
