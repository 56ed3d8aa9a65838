using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using R1.Rollout.Batching;
using R1.Rollout.Generation;

namespace R1.Rollout.Engines;

/// <summary>
/// Rollouts on one or more servers with vLLM's OpenAI-compatible API (vLLM, or the project's own <c>r1 serve</c>). Each prompt is
/// one <c>POST /v1/completions</c> with the prompt as token ids, <c>n</c> = G, <c>logprobs: 0</c> and
/// <c>return_tokens_as_token_ids: true</c>; the choices' <c>logprobs.tokens</c> (<c>token_id:N</c>) and <c>token_logprobs</c>
/// give the completion ids and π_old. Prompts fan out over the endpoints (the least busy first, at most
/// <see cref="OpenAiRolloutEngineOptions.MaxConcurrencyPerEndpoint"/> in flight on each); an attempt that fails or times out is
/// retried with exponential backoff (Polly) on another endpoint. LoRA adapters are loaded on every endpoint at run time
/// (<see cref="LoadAdapterAsync"/>); while <see cref="Adapter"/> is set, rollouts sample with it.
/// </summary>
/// <remarks>
/// The log-probs are what the server reports: vLLM's default (and the project's server) is the model's own distribution, which
/// equals the sampling distribution only at temperature 1 with top-p 1 and no top-k; otherwise re-score locally. Prompt i is
/// sent with seed <c>seed + i·G</c>; the project's server seeds choice g with that plus g (vLLM draws the n samples of a seeded
/// request from one generator, so its tokens are reproducible but differ from the in-process engine's).
/// </remarks>
public sealed partial class OpenAiCompatibleRolloutEngine : ILoraRolloutEngine, IDisposable
{
    private readonly OpenAiRolloutEngineOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly RolloutEndpoint[] _endpoints;
    private readonly ResiliencePipeline _retry;
    private readonly ResiliencePipeline _timeout;
    private int _next;

    /// <summary>Creates an engine (it does not contact the servers; call <see cref="ValidateAsync"/> before training).</summary>
    /// <param name="options">Endpoints, model and limits; validated here.</param>
    /// <param name="httpClient">The client to send with (not owned; its own timeout should be infinite). Null: one of its own.</param>
    public OpenAiCompatibleRolloutEngine(OpenAiRolloutEngineOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _endpoints = options.Endpoints.Select(e => new RolloutEndpoint(e, options.MaxConcurrencyPerEndpoint)).ToArray();
        _retry = BuildRetry(options);
        _timeout = new ResiliencePipelineBuilder().AddTimeout(options.Timeout).Build();
    }

    /// <summary>The servers with their counters (for tests and metrics).</summary>
    internal IReadOnlyList<RolloutEndpoint> Endpoints => _endpoints;

    /// <inheritdoc />
    /// <exception cref="RolloutEngineException">A server refused a request, or every attempt of a prompt failed.</exception>
    public async Task<IReadOnlyList<IReadOnlyList<GenerationResult>>> GenerateGroupsAsync(
        IReadOnlyList<IReadOnlyList<int>> prompts, int groupSize, SamplingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        PromptBatch.Validate(prompts, nameof(prompts));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupSize);
        options.Validate();
        string model = Adapter ?? _options.Model;
        var tasks = prompts.Select((p, i) =>
        {
            long? seed = options.Seed is { } s ? InProcessRolloutEngine.SampleSeed(s, i, groupSize, 0) : null;
            return GroupAsync(i, p, CompletionsWire.Body(model, p, groupSize, options, seed), groupSize, cancellationToken);
        });
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <inheritdoc cref="IRolloutEngine.ValidateAsync" />
    /// <remarks>
    /// Checks every endpoint before training: <c>GET /v1/models</c> must list <see cref="OpenAiRolloutEngineOptions.Model"/> with a
    /// <c>max_model_len</c> (when reported) of at least <see cref="RolloutEngineRequirements.ContextLength"/>; then a tokenizer
    /// probe, <c>POST /v1/completions</c> with the prompt <c>[TokenizerVocabSize − 1]</c>, <c>max_tokens: 1</c> and temperature 0,
    /// must be accepted and answer with an id below <see cref="RolloutEngineRequirements.TokenizerVocabSize"/>. A server with a
    /// smaller vocabulary refuses the prompt (vLLM and the project's server check prompt ids against the tokenizer). The probe
    /// cannot tell apart two tokenizers of the same size; the model id check is what guards against those.
    /// </remarks>
    /// <exception cref="RolloutEngineException">An endpoint is unreachable or does not match; the message names it, the expected
    /// and the served values.</exception>
    public async Task ValidateAsync(RolloutEngineRequirements requirements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        foreach (var endpoint in _endpoints)
        {
            await CheckModelAsync(endpoint, requirements, cancellationToken).ConfigureAwait(false);
            await ProbeTokenizerAsync(endpoint, requirements, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the endpoint gates and the HTTP client when this engine made it.</summary>
    public void Dispose()
    {
        foreach (var endpoint in _endpoints) endpoint.Dispose();
        if (_ownsHttp) _http.Dispose();
    }

    private async Task<IReadOnlyList<GenerationResult>> GroupAsync(
        int index, IReadOnlyList<int> prompt, JsonObject body, int n, CancellationToken cancellationToken)
    {
        var tried = new List<RolloutEndpoint>();
        try
        {
            return await _retry.ExecuteAsync(async ct =>
            {
                var endpoint = Pick(tried);
                tried.Add(endpoint);
                string json = await SendAsync(endpoint, body, ct).ConfigureAwait(false);
                return CompletionsWire.Parse(json, prompt, n);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransient(e))
        {
            throw new RolloutEngineException(
                $"Rollouts of prompt {index} failed after {tried.Count} attempt(s) on {string.Join(", ", tried.Distinct())}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The least busy endpoint that is not down and not tried yet for this request (all the live ones again once each was tried),
    /// round-robin on ties. When every endpoint is down, all of them are candidates.
    /// </summary>
    private RolloutEndpoint Pick(List<RolloutEndpoint> tried)
    {
        var live = _endpoints.Where(e => !e.IsDown).ToArray();
        if (live.Length == 0) live = _endpoints;
        var candidates = live.Where(e => !tried.Contains(e)).ToArray();
        if (candidates.Length == 0) candidates = live;
        int start = (int)((uint)Interlocked.Increment(ref _next) % (uint)candidates.Length);
        return Enumerable.Range(0, candidates.Length).Select(k => candidates[(start + k) % candidates.Length]).MinBy(e => e.InFlight)!;
    }

    /// <summary>Waits for a slot on <paramref name="endpoint"/> (not timed), then posts within the attempt timeout.</summary>
    private async Task<string> SendAsync(RolloutEndpoint endpoint, JsonObject body, CancellationToken cancellationToken)
    {
        endpoint.Enter();
        bool ok = false;
        try { await endpoint.Gate.WaitAsync(cancellationToken).ConfigureAwait(false); }
        catch
        {
            endpoint.Leave(false);
            throw;
        }
        try
        {
            string json = await _timeout.ExecuteAsync(
                async ct => await PostAsync(endpoint, "/v1/completions", body, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            ok = true;
            return json;
        }
        finally
        {
            endpoint.Gate.Release();
            endpoint.Leave(ok);
        }
    }

    private async Task<string> PostAsync(RolloutEndpoint endpoint, string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url(path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        return await SendRawAsync(endpoint, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> SendRawAsync(RolloutEndpoint endpoint, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_options.ApiKey is { } key) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return text;
        int status = (int)response.StatusCode;
        throw new RolloutEngineException($"{endpoint} answered {status} {response.StatusCode} to {request.RequestUri!.AbsolutePath}: " +
                                         (text.Length > 500 ? text[..500] + "…" : text))
        {
            IsTransient = status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout,
        };
    }

    private async Task CheckModelAsync(RolloutEndpoint endpoint, RolloutEngineRequirements requirements, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.Url("/v1/models"));
        string json = await WithTimeout(ct => SendRawAsync(endpoint, request, ct), endpoint, cancellationToken).ConfigureAwait(false);
        var models = ModelsWire.Parse(json);
        var model = models.FirstOrDefault(m => m.Id == _options.Model);
        if (model.Id is null)
            throw new RolloutEngineException($"Model mismatch: {endpoint} serves {Served(models)} " +
                                             $"but the trainer expects '{_options.Model}'. Serve the policy's model under that id " +
                                             "(vLLM: --served-model-name) or set the engine's Model.");
        if (model.MaxModelLen < requirements.ContextLength)
            throw new RolloutEngineException($"Context mismatch: {endpoint} serves '{model.Id}' with max_model_len {model.MaxModelLen} " +
                                             $"but the trainer needs {requirements.ContextLength} tokens (prompt + completion). " +
                                             $"Start the server with --max-model-len {requirements.ContextLength} or more.");
    }

    private async Task ProbeTokenizerAsync(RolloutEndpoint endpoint, RolloutEngineRequirements requirements, CancellationToken cancellationToken)
    {
        int last = requirements.TokenizerVocabSize - 1;
        var body = CompletionsWire.Body(_options.Model, [last], 1, new SamplingOptions { MaxNewTokens = 1, Temperature = 0 }, 0);
        IReadOnlyList<GenerationResult> results;
        try
        {
            string json = await WithTimeout(ct => PostAsync(endpoint, "/v1/completions", body, ct), endpoint, cancellationToken)
                .ConfigureAwait(false);
            results = CompletionsWire.Parse(json, [last], 1);
        }
        catch (RolloutEngineException e) when (!e.IsTransient)
        {
            throw new RolloutEngineException($"Tokenizer mismatch: {endpoint} does not accept token id {last} (the policy's tokenizer has " +
                                             $"{requirements.TokenizerVocabSize} ids) or cannot return token ids: {e.Message}", e);
        }
        int bad = results[0].CompletionIds.FirstOrDefault(id => id >= requirements.TokenizerVocabSize || id < 0, -1);
        if (bad >= 0)
            throw new RolloutEngineException($"Tokenizer mismatch: {endpoint} generated token id {bad}, outside the policy's tokenizer " +
                                             $"({requirements.TokenizerVocabSize} ids).");
    }

    private async Task<string> WithTimeout(Func<CancellationToken, Task<string>> send, RolloutEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.Timeout);
        try { return await send(cts.Token).ConfigureAwait(false); }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new RolloutEngineException($"{endpoint} is unreachable or did not answer within {_options.Timeout}: {e.Message}", e)
            {
                IsTransient = true,
            };
        }
    }

    private static string Served(IReadOnlyList<(string Id, int? MaxModelLen)> models) =>
        models.Count == 0 ? "no model" : string.Join(", ", models.Select(m => $"'{m.Id}'"));

    private static bool IsTransient(Exception e) =>
        e is HttpRequestException or TimeoutRejectedException || e is RolloutEngineException { IsTransient: true };

    private static ResiliencePipeline BuildRetry(OpenAiRolloutEngineOptions options)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        return builder.Build();
    }
}
