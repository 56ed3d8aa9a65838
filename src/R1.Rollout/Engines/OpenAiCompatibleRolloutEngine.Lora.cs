using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace R1.Rollout.Engines;

/// <summary>Run-time LoRA adapters on every endpoint (vLLM's <c>/v1/load_lora_adapter</c> and <c>/v1/unload_lora_adapter</c>).</summary>
public sealed partial class OpenAiCompatibleRolloutEngine
{
    private const string LoraHint = "Start the server with LoRA enabled: r1 serve --enable-lora; vLLM: --enable-lora (with --max-lora-rank " +
                                    "at least the adapter's rank) and the environment variable VLLM_ALLOW_RUNTIME_LORA_UPDATING=True.";

    private volatile string? _adapter;

    /// <inheritdoc />
    /// <remarks>Read when a <see cref="GenerateGroupsAsync"/> call starts: a call in flight keeps the name it started with.</remarks>
    public string? Adapter
    {
        get => _adapter;
        set => _adapter = value;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Posts <c>{"lora_name", "lora_path"}</c> to <c>/v1/load_lora_adapter</c> on every endpoint at once (a name the server already
    /// holds is unloaded and loaded again). An endpoint that cannot be reached (after the retries) is marked down: rollouts skip it
    /// until a later load on it succeeds.
    /// </remarks>
    /// <exception cref="RolloutEngineException">
    /// No endpoint could be reached (transient; names them all), or one refused the adapter (the server's message and how to enable
    /// LoRA on it).
    /// </exception>
    public async Task LoadAdapterAsync(string name, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var body = new JsonObject { ["lora_name"] = name, ["lora_path"] = folder };
        var outcomes = await Task.WhenAll(_endpoints.Select(e => LoadOnAsync(e, name, body, cancellationToken))).ConfigureAwait(false);
        var unreachable = outcomes.OfType<RolloutEngineException>().ToList();
        if (unreachable.Count == _endpoints.Length)
            throw new RolloutEngineException($"No endpoint took the LoRA adapter '{name}': " +
                                             string.Join("; ", unreachable.Select(e => e.Message)), unreachable[0]) { IsTransient = true };
    }

    /// <inheritdoc />
    /// <remarks>
    /// Posts <c>{"lora_name"}</c> to <c>/v1/unload_lora_adapter</c> on every endpoint that is not down; a 404 (not loaded there, e.g.
    /// a restarted server) and an unreachable server are left as they are.
    /// </remarks>
    public async Task UnloadAdapterAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var body = new JsonObject { ["lora_name"] = name };
        await Task.WhenAll(_endpoints.Where(e => !e.IsDown).Select(async e =>
        {
            var (status, text) = await AdapterRequestAsync(e, "/v1/unload_lora_adapter", body, cancellationToken).ConfigureAwait(false);
            if (status is >= 200 and < 300 or 404 or -1) return;
            throw Refused(e, "unload", name, status, text);
        })).ConfigureAwait(false);
    }

    /// <summary>Loads on one endpoint; returns null on success, the transient error when it could not be reached.</summary>
    private async Task<RolloutEngineException?> LoadOnAsync(RolloutEndpoint endpoint, string name, JsonObject body, CancellationToken ct)
    {
        var (status, text) = await AdapterRequestAsync(endpoint, "/v1/load_lora_adapter", body, ct).ConfigureAwait(false);
        if (status == 400 && ServerMessage(text).Contains("already", StringComparison.OrdinalIgnoreCase))
        {
            await AdapterRequestAsync(endpoint, "/v1/unload_lora_adapter", new JsonObject { ["lora_name"] = name }, ct).ConfigureAwait(false);
            (status, text) = await AdapterRequestAsync(endpoint, "/v1/load_lora_adapter", body, ct).ConfigureAwait(false);
        }
        if (status is >= 200 and < 300)
        {
            endpoint.IsDown = false;
            return null;
        }
        if (status == -1)
        {
            endpoint.IsDown = true;
            return new RolloutEngineException($"{endpoint}: {text}") { IsTransient = true };
        }
        throw Refused(endpoint, "load", name, status, text);
    }

    /// <summary>
    /// Posts with the attempt timeout and the retries (on the same endpoint). Returns the status and body; status -1 with the
    /// reason when the server could not be reached, timed out or kept answering 5xx / 429.
    /// </summary>
    private async Task<(int Status, string Text)> AdapterRequestAsync(RolloutEndpoint endpoint, string path, JsonObject body,
        CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.ExecuteAsync(async ct =>
            {
                var (status, text) = await WithTimeout(async t => await PostForStatusAsync(endpoint, path, body, t).ConfigureAwait(false),
                    endpoint, ct).ConfigureAwait(false);
                if (status >= 500 || status is 429 or 408)
                    throw new RolloutEngineException($"{endpoint} answered {status} to {path}: {Shorten(text)}") { IsTransient = true };
                return (status, text);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransient(e))
        {
            return (-1, e.Message);
        }
    }

    private async Task<(int Status, string Text)> PostForStatusAsync(RolloutEndpoint endpoint, string path, JsonObject body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url(path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (_options.ApiKey is { } key) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
    }

    private async Task<(int, string)> WithTimeout(Func<CancellationToken, Task<(int, string)>> send, RolloutEndpoint endpoint, CancellationToken ct)
    {
        (int, string) result = default;
        await WithTimeout(async t =>
        {
            result = await send(t).ConfigureAwait(false);
            return "";
        }, endpoint, ct).ConfigureAwait(false);
        return result;
    }

    private static RolloutEngineException Refused(RolloutEndpoint endpoint, string what, string name, int status, string text) =>
        new($"{endpoint} refused to {what} the LoRA adapter '{name}' ({status}): {ServerMessage(text)} {LoraHint}");

    /// <summary>The error message of an OpenAI-style (<c>error.message</c>) or vLLM-style (<c>message</c>) body, else the text.</summary>
    private static string ServerMessage(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                    && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) return m.GetString()!;
                if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String) return message.GetString()!;
            }
        }
        catch (JsonException) { }
        return Shorten(text);
    }

    private static string Shorten(string text) => text.Length > 500 ? text[..500] + "…" : text;
}
