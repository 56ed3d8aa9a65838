namespace R1.Docs.Tests.Snippets;

/// <summary>
/// One fenced C# block of a markdown file: its text exactly as written (the fence's indentation removed), where it is, and the
/// setup and check scripts its markers name (<c>&lt;!-- snippet-setup: NAME --&gt;</c> and <c>&lt;!-- snippet-check: NAME --&gt;</c>
/// on the lines just before the fence).
/// </summary>
/// <param name="File">The markdown file, relative to the repository root, with forward slashes.</param>
/// <param name="Line">The 1-based line of the opening fence; the code starts on the next line.</param>
/// <param name="Code">The block's text.</param>
/// <param name="Setups">Setup scripts run first, in order, in the same script state.</param>
/// <param name="Checks">Check scripts run after the block, in the same script state, with its console output.</param>
public sealed record DocSnippet(string File, int Line, string Code, IReadOnlyList<string> Setups, IReadOnlyList<string> Checks)
{
    /// <summary><c>README.md:42</c>.</summary>
    public string Location => $"{File}:{Line}";

    /// <inheritdoc />
    public override string ToString() => Location;
}
