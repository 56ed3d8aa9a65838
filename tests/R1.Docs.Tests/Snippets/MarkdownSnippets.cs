using System.Text.RegularExpressions;

namespace R1.Docs.Tests.Snippets;

/// <summary>
/// Finds the fenced C# blocks (<c>```csharp</c>, <c>```cs</c>, <c>```c#</c>) of the repository's documentation: <c>README.md</c>,
/// the package READMEs (<c>src/*/README.md</c>) and every <c>*.md</c> under <c>docs/</c> and <c>examples/</c>. A fence may be
/// indented (inside a list item); its indentation is removed from the block's lines. Marker comments on
/// the lines just before a fence name the block's setup and check scripts.
/// </summary>
public static partial class MarkdownSnippets
{
    private static readonly string[] CSharpInfo = ["csharp", "cs", "c#"];

    /// <summary>Every C# block of the documentation under <paramref name="repoRoot"/>, by file then line.</summary>
    public static IReadOnlyList<DocSnippet> FindAll(string repoRoot) =>
        DocumentationFiles(repoRoot)
            .SelectMany(path => Parse(Path.GetRelativePath(repoRoot, path).Replace('\\', '/'), File.ReadAllText(path)))
            .ToList();

    /// <summary>
    /// The markdown files whose C# blocks are tested: the README, the package READMEs (src/*/README.md), then docs/ and
    /// examples/ (not build output).
    /// </summary>
    public static IEnumerable<string> DocumentationFiles(string repoRoot)
    {
        var readme = Path.Combine(repoRoot, "README.md");
        if (File.Exists(readme)) yield return readme;
        var src = Path.Combine(repoRoot, "src");
        if (Directory.Exists(src))
            foreach (var file in Directory.EnumerateFiles(src, "README.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                if (!IsBuildOutput(Path.GetRelativePath(repoRoot, file))) yield return file;
        foreach (var folder in new[] { "docs", "examples" })
        {
            var dir = Path.Combine(repoRoot, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                if (!IsBuildOutput(Path.GetRelativePath(repoRoot, file))) yield return file;
        }
    }

    /// <summary>The C# blocks of one markdown text.</summary>
    /// <exception cref="FormatException">A C# fence is never closed, or a marker comment has an unknown kind.</exception>
    public static IReadOnlyList<DocSnippet> Parse(string file, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var snippets = new List<DocSnippet>();
        for (int i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success) continue;
            int close = FindClose(lines, i, open);
            if (close < 0)
            {
                if (IsCSharp(open)) throw new FormatException($"{file}:{i + 1}: the C# block is never closed.");
                break;
            }
            if (IsCSharp(open)) snippets.Add(Snippet(file, lines, i, close, open.Groups["indent"].Length));
            i = close;
        }
        return snippets;
    }

    private static DocSnippet Snippet(string file, string[] lines, int open, int close, int indent)
    {
        var code = string.Join('\n', lines[(open + 1)..close].Select(l => Unindent(l, indent)));
        var (setups, checks) = Markers(file, lines, open);
        return new DocSnippet(file, open + 1, code, setups, checks);
    }

    private static (List<string> Setups, List<string> Checks) Markers(string file, string[] lines, int fence)
    {
        var setups = new List<string>();
        var checks = new List<string>();
        for (int i = fence - 1; i >= 0 && Marker().Match(lines[i]) is { Success: true } m; i--)
        {
            var names = m.Groups["names"].Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            var list = m.Groups["kind"].Value switch
            {
                "setup" => setups,
                "check" => checks,
                var kind => throw new FormatException(
                    $"{file}:{i + 1}: unknown marker 'snippet-{kind}' (use snippet-setup: NAME or snippet-check: NAME)."),
            };
            list.InsertRange(0, names);
        }
        return (setups, checks);
    }

    private static int FindClose(string[] lines, int open, Match fence)
    {
        var ticks = fence.Groups["ticks"].Value;
        for (int j = open + 1; j < lines.Length; j++)
        {
            var t = lines[j].Trim();
            if (t.Length >= ticks.Length && t.All(c => c == ticks[0])) return j;
        }
        return -1;
    }

    private static bool IsCSharp(Match fence) =>
        CSharpInfo.Contains(fence.Groups["info"].Value.Split(' ', 2)[0].Trim(), StringComparer.OrdinalIgnoreCase);

    private static string Unindent(string line, int indent)
    {
        int n = 0;
        while (n < indent && n < line.Length && line[n] == ' ') n++;
        return line[n..];
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Replace('\\', '/').Split('/').Any(part => part is "bin" or "obj" or "node_modules");

    [GeneratedRegex(@"^(?<indent> *)(?<ticks>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*<!--\s*snippet-(?<kind>[a-z]+)\s*:\s*(?<names>[^>]*?)\s*-->\s*$")]
    private static partial Regex Marker();
}
