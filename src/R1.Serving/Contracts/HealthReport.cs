namespace R1.Serving.Contracts;

/// <summary>The body of <c>GET /health</c>: the model and the batchers' counters.</summary>
/// <param name="Status"><c>ok</c>.</param>
/// <param name="Model">The served model id.</param>
/// <param name="Batching">The base model's decode loop.</param>
/// <param name="LoraBatching">The LoRA adapters' decode loops together, those loaded and those unloaded since start (each adapter
/// decodes in its own batches).</param>
internal sealed record HealthReport(string Status, string Model, BatchingStats Batching, BatchingStats LoraBatching);
