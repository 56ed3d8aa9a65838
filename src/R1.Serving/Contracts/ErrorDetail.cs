using System.Text.Json.Serialization;

namespace R1.Serving.Contracts;

/// <summary>The error; <c>param</c> and <c>code</c> are written as null when unset, as OpenAI does.</summary>
internal sealed record ErrorDetail(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);
