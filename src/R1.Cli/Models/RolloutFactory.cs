using R1.Cli.Configuration;
using R1.MLNet.Training;
using R1.Rollout.Engines;

namespace R1.Cli.Models;

/// <summary>
/// Turns <c>grpo.rollout</c> into <see cref="GrpoOptions.Rollout"/>: with <c>endpoints</c>, an <see cref="OpenAiCompatibleRolloutEngine"/>
/// over them (the caller disposes it); without, rollouts stay in this process.
/// </summary>
internal static class RolloutFactory
{
    /// <summary>The engine on <c>rollout.endpoints</c>, or null when there are none. Checks what the CLI can before any server is asked.</summary>
    public static OpenAiCompatibleRolloutEngine? Engine(GrpoConfig c)
    {
        if (c.Rollout is not { Endpoints: { Count: > 0 } endpoints } r) return null;
        if (c.Lora is null)
            throw new CliException("grpo: rollouts on remote engines (rollout.endpoints, --rollout-endpoint) need LoRA: set 'lora' in the " +
                                   "grpo section or pass --lora-rank N, and the trainer pushes the adapter to the servers every syncEvery " +
                                   "steps. Full fine-tuning on a remote engine needs a hook that reloads the servers with the new weights, " +
                                   "which only the C# API has (RolloutOptions.ReloadFullWeights).");
        if (string.IsNullOrWhiteSpace(r.Model))
            throw new CliException("grpo: no rollout model: set 'rollout.model' or pass --rollout-model (the model id the servers serve, " +
                                   "as their /v1/models lists it).");
        var options = new OpenAiRolloutEngineOptions
        {
            Endpoints = endpoints.Select(Endpoint).ToList(), Model = r.Model,
            ApiKey = r.ApiKey ?? Environment.GetEnvironmentVariable(RolloutConfig.ApiKeyVariable),
        };
        if (r.MaxConcurrency is { } n) options.MaxConcurrencyPerEndpoint = n;
        if (r.TimeoutSeconds is { } seconds) options.Timeout = Timeout(seconds);
        try { return new OpenAiCompatibleRolloutEngine(options); }
        catch (ArgumentException e) { throw new CliException($"grpo: rollout: {e.Message}", e); }
    }

    /// <summary>Sets the engine and the sync, overlap and π_old keys on <paramref name="options"/>.</summary>
    public static void Apply(RolloutConfig? c, OpenAiCompatibleRolloutEngine? engine, RolloutOptions options)
    {
        options.Engine = engine;
        if (c is null) return;
        if (c.Overlap == true && engine is null)
            throw new CliException("grpo: rollout.overlap (--overlap) needs rollout.endpoints (--rollout-endpoint): in this process the " +
                                   "model that samples is the one learning, so generation cannot run while it learns.");
        if (c.SyncEvery is { } every) options.SyncEvery = every;
        if (c.Overlap is { } overlap) options.Overlap = overlap;
        if (c.SyncDirectory is { } folder) options.SyncDirectory = folder;
        if (c.OldLogProbs is { } source) options.OldLogProbs = Source(source);
    }

    /// <summary>The start line's words for the rollouts, e.g. <c>rollouts on 2 engines (model x), sync every 1, overlap on</c>.</summary>
    public static string Describe(RolloutConfig c, RolloutOptions options)
    {
        int count = c.Endpoints!.Count;
        return $"rollouts on {count} engine{(count == 1 ? "" : "s")} (model {c.Model}), sync every {options.SyncEvery}, " +
               $"overlap {(options.Overlap ? "on" : "off")}";
    }

    private static Uri Endpoint(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
            : throw new CliException($"grpo: rollout endpoint '{url}' is not an http(s) URL (for example http://10.0.0.5:8000).");

    private static TimeSpan Timeout(double seconds) =>
        seconds is > 0 and < 1e9 ? TimeSpan.FromSeconds(seconds)
            : throw new CliException($"grpo: rollout.timeoutSeconds must be a positive number of seconds (got {seconds}).");

    private static OldLogProbSource Source(string name) =>
        Enum.GetValues<OldLogProbSource>().Where(v => string.Equals(v.ToString(), name, StringComparison.OrdinalIgnoreCase))
            .Select(v => (OldLogProbSource?)v).FirstOrDefault()
        ?? throw new CliException($"grpo: rollout.oldLogProbs '{name}' is not one of auto, engine, local.");
}
