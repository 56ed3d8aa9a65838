namespace R1.MLNet.Tests.Architecture;

/// <summary>Holds the code style that .editorconfig declares but the compiler does not enforce.</summary>
public class SourceStyleTests
{
    private const int MaxLineLength = 150;                         // .editorconfig: max_line_length

    // Kept byte-identical on purpose: the GRPO fixture test is the reference the trainer is checked against.
    private static readonly string[] Exempt = ["tests/R1.MLNet.Tests/Training/GrpoLossFixtureTests.cs"];

    [Test]
    public void No_CSharp_line_is_longer_than_the_editorconfig_limit()
    {
        var root = TestPaths.RepoRoot;
        var files = new[] { "src", "tests", "examples", "bench" }
            .Select(d => Path.Combine(root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/") && !Exempt.Contains(f))
            .ToList();
        files.Should().Contain("src/R1.MLNet/Training/GrpoTrainer.cs", "the scan must see the sources");
        var tooLong = files
            .SelectMany(f => File.ReadLines(Path.Combine(root, f)).Select((line, i) => (f, i, line.Length)))
            .Where(x => x.Length > MaxLineLength)
            .Select(x => $"{x.f}:{x.i + 1} ({x.Length} characters)")
            .ToList();
        tooLong.Should().BeEmpty($"lines are at most {MaxLineLength} characters (.editorconfig max_line_length)");
    }
}
