using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using R1.Rollout.Generation;

namespace R1.Rollout.Engines;

/// <summary>
/// The JSON of vLLM's <c>POST /v1/completions</c> for rollouts: a token-id prompt, <c>n</c> samples, <c>logprobs: 0</c> and
/// <c>return_tokens_as_token_ids</c>, so each choice's <c>logprobs.tokens</c> are <c>token_id:N</c> and its
/// <c>token_logprobs</c> the sampled tokens' log-probs.
/// </summary>
internal static class CompletionsWire
{
    private const string IdPrefix = "token_id:";

    public static JsonObject Body(string model, IReadOnlyList<int> prompt, int n, SamplingOptions options, long? seed)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["prompt"] = new JsonArray(prompt.Select(id => (JsonNode)id).ToArray()),
            ["n"] = n,
            ["max_tokens"] = options.MaxNewTokens,
            ["temperature"] = options.IsGreedy ? 0 : options.Temperature,
            ["top_p"] = options.TopP,
            ["logprobs"] = 0,
            ["return_tokens_as_token_ids"] = true,
        };
        if (options.TopK > 0) body["top_k"] = options.TopK;
        if (options.MinP > 0) body["min_p"] = options.MinP;
        if (seed is not null) body["seed"] = seed.Value;
        if (options.StopStrings.Count > 0) body["stop"] = new JsonArray(options.StopStrings.Select(s => (JsonNode)s).ToArray());
        return body;
    }

    /// <summary>The choices of a response, in <c>index</c> order, as generation results for <paramref name="prompt"/>.</summary>
    public static IReadOnlyList<GenerationResult> Parse(string json, IReadOnlyList<int> prompt, int n)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
            throw Malformed("it has no choices array");
        var results = choices.EnumerateArray()
            .Select(c => (Index: c.TryGetProperty("index", out var i) ? i.GetInt32() : 0, Result: Choice(c, prompt)))
            .OrderBy(c => c.Index).Select(c => c.Result).ToList();
        if (results.Count != n) throw Malformed($"it has {results.Count} choices for n = {n}");
        return results;
    }

    private static GenerationResult Choice(JsonElement choice, IReadOnlyList<int> prompt)
    {
        if (!choice.TryGetProperty("logprobs", out var lp) || lp.ValueKind != JsonValueKind.Object)
            throw Malformed("a choice has no logprobs (the server ignored logprobs: 0)");
        var ids = lp.GetProperty("tokens").EnumerateArray().Select(t => TokenId(t.GetString())).ToList();
        var logProbs = lp.GetProperty("token_logprobs").EnumerateArray()
            .Select(t => t.ValueKind == JsonValueKind.Number ? t.GetSingle() : float.NaN).ToList();
        if (ids.Count != logProbs.Count) throw Malformed($"a choice has {ids.Count} tokens but {logProbs.Count} log-probs");
        string text = choice.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
        var reason = choice.TryGetProperty("finish_reason", out var f) && f.GetString() == "length" ? FinishReason.Length : FinishReason.Stop;
        return new GenerationResult(prompt, ids, text, logProbs, reason);
    }

    private static int TokenId(string? token)
    {
        if (token is null || !token.StartsWith(IdPrefix, StringComparison.Ordinal)
            || !int.TryParse(token.AsSpan(IdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            throw Malformed($"token '{token}' is not '{IdPrefix}N' (the server ignored return_tokens_as_token_ids)");
        return id;
    }

    private static RolloutEngineException Malformed(string why) => new($"The server's completion response is not usable: {why}.");
}
