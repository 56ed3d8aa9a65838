namespace R1.MLNet.Reason;

/// <summary>What <see cref="ReasonTransformer"/> produces for one question.</summary>
/// <param name="Completion">The chosen completion (the majority-voted one when several were sampled).</param>
/// <param name="Reasoning">Its chain of thought.</param>
/// <param name="Answer">Its final answer.</param>
/// <param name="Samples">All sampled completions, in sampling order.</param>
public sealed record ReasonOutput(string Completion, string Reasoning, string Answer, IReadOnlyList<string> Samples);
