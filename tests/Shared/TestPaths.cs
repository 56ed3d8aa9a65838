namespace R1.Tests.Shared;

/// <summary>Locates the repository's <c>testdata/</c> folder from the test binaries, so a clone works without <c>../shared</c>.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "R1MLNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Could not find the repository root (R1MLNet.sln) above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>A path under <c>testdata/</c>, for example <c>TestData("data/math500/test.jsonl")</c>.</summary>
    public static string TestData(string relative) => Path.Combine(RepoRoot, "testdata", relative);
}
