namespace R1.Serving.Contracts;

/// <summary>New text of the answer (<c>content</c>) or of the reasoning (<c>reasoning_content</c>); the first delta has the role.</summary>
internal sealed record ChunkDelta(string? Role = null, string? Content = null, string? ReasoningContent = null);
