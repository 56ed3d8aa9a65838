using System.Text.Json;

namespace R1.Rollout.Engines;

/// <summary>The served models of <c>GET /v1/models</c>: each id with vLLM's <c>max_model_len</c> (null when not reported).</summary>
internal static class ModelsWire
{
    public static IReadOnlyList<(string Id, int? MaxModelLen)> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            throw new RolloutEngineException("The server's /v1/models response has no data array.");
        return data.EnumerateArray().Select(m => (
            m.GetProperty("id").GetString() ?? "",
            m.TryGetProperty("max_model_len", out var len) && len.ValueKind == JsonValueKind.Number ? len.GetInt32() : (int?)null)).ToList();
    }
}
