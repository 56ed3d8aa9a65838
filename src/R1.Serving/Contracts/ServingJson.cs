using System.Text.Json;
using System.Text.Json.Serialization;

namespace R1.Serving.Contracts;

/// <summary>The wire format: snake_case names, nulls left out (except where a contract says otherwise).</summary>
internal static class ServingJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
