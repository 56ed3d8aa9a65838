using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests;

/// <summary>
/// Every C# block of README.md, docs/ and examples/ is compiled and run exactly as written, as a console app's <c>Program.cs</c>
/// with only its implicit usings, one test per block, named by file and line. A block declares what it needs with marker comments
/// on the lines just before its fence: <c>&lt;!-- snippet-setup: NAME --&gt;</c> runs the setup <c>NAME</c> first (it only writes
/// files the block reads, such as a tiny model folder), <c>&lt;!-- snippet-check: NAME --&gt;</c> runs the check <c>NAME</c> after it
/// (assertions that its printed results make sense, and on the files it wrote).
/// </summary>
[NonParallelizable]   // the runner sets the process-wide console and current directory
public class DocSnippetTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static IEnumerable<TestCaseData> Snippets() =>
        MarkdownSnippets.FindAll(TestPaths.RepoRoot).Select(s => new TestCaseData(s).SetName($"Snippet {s.Location}"));

    [TestCaseSource(nameof(Snippets))]
    public async Task Runs_as_written(DocSnippet snippet)
    {
        var output = await SnippetRunner.RunAsync(snippet, Timeout);
        TestContext.Out.Write(output);
    }
}
