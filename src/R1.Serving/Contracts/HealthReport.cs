namespace R1.Serving.Contracts;

/// <summary>The body of <c>GET /health</c>: the model and the batcher's counters.</summary>
internal sealed record HealthReport(string Status, string Model, BatchingStats Batching);
