namespace R1.Serving.Contracts;

/// <summary>A choice's delta; the last chunk of a choice has its <c>finish_reason</c>.</summary>
internal sealed record ChunkChoice(int Index, ChunkDelta Delta, string? FinishReason = null);
