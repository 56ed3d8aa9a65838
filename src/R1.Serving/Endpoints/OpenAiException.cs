namespace R1.Serving.Endpoints;

/// <summary>A request the server refuses, answered with an OpenAI-style error body and <see cref="Status"/>.</summary>
internal sealed class OpenAiException(int status, string message, string? param = null, string? code = null, string? type = null)
    : Exception(message)
{
    public int Status { get; } = status;

    public string Type { get; } = type ?? (status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error");

    public string? Param { get; } = param;

    public string? Code { get; } = code;

    public static OpenAiException BadRequest(string message, string? param = null, string? code = null) => new(400, message, param, code);
}
