using System.Text.Json;
using R1.Rollout.Generation;
using R1.Serving.Contracts;
using R1.Serving.Hosting;

namespace R1.Serving.Endpoints;

/// <summary>Checks the sampling fields of a request and maps them onto <see cref="SamplingOptions"/>, one per choice.</summary>
internal static class SamplingMapper
{
    /// <summary>
    /// The loaded adapter a request names as its <c>model</c>, or null for the base model (also when <c>model</c> is missing);
    /// refuses any other name.
    /// </summary>
    public static LoadedAdapter? Target(SamplingRequest request, ServedModel model, AdapterRegistry adapters)
    {
        if (string.IsNullOrEmpty(request.Model) || request.Model == model.Id) return null;
        return adapters.Find(request.Model) ?? throw OpenAiException.BadRequest(
            $"The model '{request.Model}' does not exist; this server serves '{model.Id}'.", "model", "model_not_found");
    }

    /// <summary>The number of choices, checked against <paramref name="max"/>.</summary>
    public static int Choices(SamplingRequest request, int max)
    {
        int n = request.N ?? 1;
        if (n < 1 || n > max) throw OpenAiException.BadRequest($"n must be between 1 and {max} (got {n}).", "n");
        return n;
    }

    /// <summary>
    /// The settings of each of <paramref name="choices"/> rows for a prompt of <paramref name="promptTokens"/> tokens; choice i
    /// samples with seed <c>seed + i</c>.
    /// </summary>
    public static IReadOnlyList<SamplingOptions> Map(SamplingRequest request, int? maxTokens, int promptTokens, int choices,
        ServedModel model, ServerOptions options, string promptParam)
    {
        var template = new SamplingOptions
        {
            Temperature = Check(request.Temperature ?? 1.0, t => t is >= 0 and <= 2, "temperature", "between 0 and 2"),
            TopP = Check(request.TopP ?? 1.0, p => p is > 0 and <= 1, "top_p", "in (0, 1]"),
            TopK = Check(request.TopK ?? 0, k => k >= -1, "top_k", "-1 (off), 0 (off) or positive") is var k and > 0 ? k : 0,
            StopStrings = Stops(request.Stop),
            MaxNewTokens = MaxTokens(maxTokens, promptTokens, model, options, promptParam),
        };
        return Enumerable.Range(0, choices).Select(i =>
        {
            var o = template.Clone();
            o.Seed = request.Seed is { } seed ? seed + i : null;
            return o;
        }).ToList();
    }

    private static int MaxTokens(int? requested, int promptTokens, ServedModel model, ServerOptions options, string promptParam)
    {
        int context = model.ContextLength;
        if (promptTokens >= context)
            throw OpenAiException.BadRequest(
                $"This model's maximum context length is {context} tokens, but the prompt has {promptTokens} tokens: no room to generate.",
                promptParam, "context_length_exceeded");
        if (requested is null) return Math.Min(options.DefaultMaxTokens, context - promptTokens);
        if (requested < 1) throw OpenAiException.BadRequest($"max_tokens must be at least 1 (got {requested}).", "max_tokens");
        if (promptTokens + requested > context)
            throw OpenAiException.BadRequest(
                $"This model's maximum context length is {context} tokens. However, you requested {promptTokens + requested} tokens " +
                $"({promptTokens} in the prompt, {requested} in the completion). Please reduce the prompt or max_tokens.",
                "max_tokens", "context_length_exceeded");
        return requested.Value;
    }

    private static IReadOnlyList<string> Stops(JsonElement stop)
    {
        var stops = stop.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => [],
            JsonValueKind.String => [stop.GetString()!],
            JsonValueKind.Array when stop.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String) =>
                stop.EnumerateArray().Select(s => s.GetString()!).ToList(),
            _ => throw OpenAiException.BadRequest("stop must be a string or an array of strings.", "stop"),
        };
        if (stops.Any(string.IsNullOrEmpty)) throw OpenAiException.BadRequest("stop must not contain empty strings.", "stop");
        return stops;
    }

    private static T Check<T>(T value, Func<T, bool> valid, string param, string expected) =>
        valid(value) ? value : throw OpenAiException.BadRequest($"{param} must be {expected} (got {value}).", param);
}
