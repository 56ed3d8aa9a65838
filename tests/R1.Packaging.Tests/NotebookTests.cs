using System.Text.Json;
using System.Text.RegularExpressions;

namespace R1.Packaging.Tests;

/// <summary>
/// Every notebook of examples/notebooks runs end to end in the .NET Interactive C# kernel from the local feed's packages;
/// a cell that throws fails its test (dotnet-repl's exit code, and the error outputs of the executed notebook).
/// </summary>
[NonParallelizable]
public partial class NotebookTests
{
    private static string NotebookFolder => Path.Combine(TestPaths.RepoRoot, "examples", "notebooks");

    public static IEnumerable<TestCaseData> Notebooks() =>
        Directory.GetFiles(NotebookFolder, "*.ipynb").Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetName($"{{m}}({Path.GetFileNameWithoutExtension(path)})"));

    [TestCaseSource(nameof(Notebooks))]
    public void Adds_the_local_feed_then_references_the_packages_at_the_repository_version(string notebook)
    {
        var cells = CodeCells(notebook).ToList();
        var version = PackageMetadataTests.RepositoryVersion();

        cells[0].Should().Contain("#i \\\"nuget: {feed}\\\"").And.Contain("\"artifacts\", \"feed\"", "the feed cell comes first");
        NuGetReference().Matches(cells[1]).Select(m => (Id: m.Groups["id"].Value, Version: m.Groups["version"].Value))
            .Where(r => r.Id.StartsWith("R1MLNet.", StringComparison.Ordinal))
            .Should().NotBeEmpty().And.OnlyContain(r => r.Version == version, "the notebooks ask for the version in Directory.Build.props");
        cells.Should().NotContain(c => c.Contains(".dll\""), "no assembly paths: packages only");
    }

    [TestCaseSource(nameof(Notebooks))]
    public void Runs_every_cell_without_an_error(string notebook)
    {
        var output = Path.Combine(Path.GetTempPath(), $"r1mlnet-{Guid.NewGuid().ToString("N")[..8]}-{notebook}");
        try
        {
            var run = NotebookRun.Execute(Path.Combine(NotebookFolder, notebook), output);
            TestContext.Progress.WriteLine($"[packaging] notebook {notebook}: {run.Process.Elapsed.TotalSeconds:F1} s");

            run.CellErrors.Should().BeEmpty($"no cell of {notebook} may fail; dotnet repl said:\n{run.Process.Tail(3000)}");
            run.Process.ExitCode.Should().Be(0, $"dotnet repl exits 0 when every cell ran:\n{run.Process.Tail(3000)}");
        }
        finally
        {
            if (File.Exists(output)) File.Delete(output);
        }
    }

    [Test]
    public void A_cell_that_throws_fails_the_run_and_is_named()
    {
        // Under the repository (the test's bin folder), where dotnet finds the tool manifest that pins dotnet-repl.
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"broken-notebook-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(folder);
        try
        {
            var notebook = Path.Combine(folder, "broken.ipynb");
            File.WriteAllText(notebook, NotebookWith(
                "Console.WriteLine(\"before\");", "throw new InvalidOperationException(\"a broken cell\");", "Console.WriteLine(\"after\");"));

            var run = NotebookRun.Execute(notebook, Path.Combine(folder, "out.ipynb"));

            run.CellErrors.Should().ContainSingle($"dotnet repl said:\n{run.Process.Tail(3000)}")
                .Which.Should().StartWith("cell 2: ").And.Contain("a broken cell");
            run.Process.ExitCode.Should().NotBe(0, "dotnet repl reports a failed cell in its exit code");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A C# notebook with one code cell per source, in the layout of the notebooks here.</summary>
    private static string NotebookWith(params string[] sources) => JsonSerializer.Serialize(new
    {
        cells = sources.Select(s => new { cell_type = "code", metadata = new { }, execution_count = (int?)null,
            outputs = Array.Empty<object>(), source = new[] { s } }),
        metadata = new
        {
            kernelspec = new { display_name = ".NET (C#)", language = "C#", name = ".net-csharp" },
            language_info = new { name = "polyglot-notebook" },
        },
        nbformat = 4,
        nbformat_minor = 2,
    });

    private static IEnumerable<string> CodeCells(string notebook)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(NotebookFolder, notebook)));
        return doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString())))
            .ToList();
    }

    [GeneratedRegex(@"#r ""nuget: *(?<id>[^,""]+), *(?<version>[^""]+)""")]
    private static partial Regex NuGetReference();
}
