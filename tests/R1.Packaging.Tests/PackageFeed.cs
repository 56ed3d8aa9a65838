namespace R1.Packaging.Tests;

/// <summary>
/// The local folder feed <c>artifacts/feed</c>: the shipped libraries packed from their build output (the solution is built
/// before the tests run; this project's build also builds them), and the NuGet global packages folder cleared of R1MLNet
/// packages, since every run packs the same version number and NuGet would otherwise reuse the first one it extracted.
/// </summary>
public static class PackageFeed
{
    /// <summary>The projects under src/ that are NuGet libraries (R1.Cli is a dotnet tool, packed by its own check).</summary>
    public static readonly string[] Libraries = ["R1.Rewards", "R1.Rollout", "R1.MLNet", "R1.Serving"];

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(3);

    public static string Folder => Path.Combine(TestPaths.RepoRoot, "artifacts", "feed");

    /// <summary>Release or Debug: the configuration this test assembly (and so the libraries) was built in.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";

    /// <summary>The package id of a project: R1.Rewards → R1MLNet.Rewards.</summary>
    public static string PackageId(string project) => "R1MLNet." + project["R1.".Length..];

    /// <summary>The .nupkg of a package id in the feed.</summary>
    public static string Nupkg(string packageId) =>
        Directory.GetFiles(Folder, packageId + ".*.nupkg").Single(f => IsVersionOf(Path.GetFileName(f), packageId, ".nupkg"));

    /// <summary>The .snupkg (symbols) of a package id in the feed, or null.</summary>
    public static string? Snupkg(string packageId) =>
        Directory.GetFiles(Folder, packageId + ".*.snupkg").SingleOrDefault(f => IsVersionOf(Path.GetFileName(f), packageId, ".snupkg"));

    /// <summary>Empties the feed, packs every library into it, and removes R1MLNet packages from the global packages folder.</summary>
    public static void Create()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        Directory.CreateDirectory(Folder);
        foreach (var project in Libraries)
        {
            var csproj = Path.Combine(TestPaths.RepoRoot, "src", project, project + ".csproj");
            var pack = ProcessRunner.Dotnet(TestPaths.RepoRoot, PackTimeout, "pack", csproj, "--no-build", "-c", Configuration,
                "-o", Folder, "-nologo", "-v", "q");
            TestContext.Progress.WriteLine($"[packaging] dotnet pack {project}: {pack.Elapsed.TotalSeconds:F1} s");
            if (pack.ExitCode != 0) Assert.Fail($"{pack.Command} failed ({pack.ExitCode}):\n{pack.Tail()}");
        }
        RemoveFromGlobalPackages();
    }

    private static void RemoveFromGlobalPackages()
    {
        string root = GlobalPackagesFolder();
        if (!Directory.Exists(root)) return;
        foreach (var dir in Directory.GetDirectories(root, "r1mlnet.*"))
        {
            Directory.Delete(dir, recursive: true);
            TestContext.Progress.WriteLine($"[packaging] removed the stale {dir}");
        }
    }

    /// <summary>NUGET_PACKAGES, else what <c>dotnet nuget locals global-packages --list</c> reports.</summary>
    public static string GlobalPackagesFolder()
    {
        var env = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(env)) return env;
        var list = ProcessRunner.Dotnet(TestPaths.RepoRoot, TimeSpan.FromMinutes(1), "nuget", "locals", "global-packages", "--list");
        const string prefix = "global-packages:";
        var line = list.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        if (list.ExitCode != 0 || line == null) Assert.Fail($"Could not find the NuGet global packages folder:\n{list.Tail()}");
        return line![prefix.Length..].Trim();
    }

    private static bool IsVersionOf(string fileName, string packageId, string extension)
    {
        var version = fileName[(packageId.Length + 1)..^extension.Length];
        return version.Length > 0 && char.IsDigit(version[0]);   // R1MLNet.MLNet.0.1.0, not R1MLNet.MLNet.Extra.0.1.0
    }
}
