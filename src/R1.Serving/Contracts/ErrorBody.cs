namespace R1.Serving.Contracts;

/// <summary>OpenAI's error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal sealed record ErrorBody(ErrorDetail Error);
