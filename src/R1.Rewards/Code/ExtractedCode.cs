namespace R1.Rewards.Code;

/// <summary>The program found in a completion.</summary>
/// <param name="Code">The code to run.</param>
/// <param name="Language">The fence's language tag, lower-cased (for example <c>python</c>), or <see langword="null"/> when untagged or
/// unfenced.</param>
/// <param name="Fenced">Whether the code came from a fenced block (otherwise it is the whole answer).</param>
internal sealed record ExtractedCode(string Code, string? Language, bool Fenced);
