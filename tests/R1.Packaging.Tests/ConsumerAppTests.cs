using System.Text.Json;

namespace R1.Packaging.Tests;

/// <summary>
/// A fresh console app outside the repository (so no Directory.Build.props or central versions apply) that references only
/// the packages, restored through a nuget.config naming the local feed: it scores rewards and runs SFT → GRPO → Reason.
/// </summary>
[NonParallelizable]
public class ConsumerAppTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(8);
    private string _app = "";
    private ProcessResult _run = null!;
    private Dictionary<string, string> _printed = [];

    [OneTimeSetUp]
    public void BuildAndRunTheConsumer()
    {
        _app = Path.Combine(Path.GetTempPath(), "r1mlnet-consumer-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_app);
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "R1.Packaging.Tests", "Consumer")))
            File.Copy(file, Path.Combine(_app, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(_app, "nuget.config"), NuGetConfig(PackageFeed.Folder));
        var torchSharp = NuspecDocument.Read(PackageFeed.Nupkg("R1MLNet.Rollout")).Dependencies.First(d => d.Id == "TorchSharp").Version;
        _run = ProcessRunner.Dotnet(_app, RunTimeout, "run", "-c", "Release", $"-p:R1MLNetVersion={PackageMetadataTests.RepositoryVersion()}",
            $"-p:TorchSharpVersion={torchSharp.Trim('[', ']')}");
        TestContext.Progress.WriteLine($"[packaging] consumer app restore + build + run: {_run.Elapsed.TotalSeconds:F1} s");
        _printed = _run.Output.Split('\n').Select(l => l.Split(": ", 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.Last()[1].Trim());
    }

    [OneTimeTearDown]
    public void RemoveTheApp()
    {
        if (Directory.Exists(_app)) Directory.Delete(_app, recursive: true);
    }

    [Test]
    public void Builds_and_runs_from_the_packages()
    {
        _run.ExitCode.Should().Be(0, $"the consumer app should build and run:\n{_run.Tail()}");
    }

    [Test]
    public void Restores_our_packages_from_the_local_feed_as_packages_not_projects()
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(_app, "obj", "project.assets.json")));
        var libraries = assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Name.StartsWith("R1MLNet.", StringComparison.Ordinal))
            .ToDictionary(l => l.Name, l => l.Value.GetProperty("type").GetString());
        var version = PackageMetadataTests.RepositoryVersion();

        libraries.Should().BeEquivalentTo(new Dictionary<string, string?>
        {
            [$"R1MLNet.MLNet/{version}"] = "package", [$"R1MLNet.Rewards/{version}"] = "package",
            [$"R1MLNet.Rollout/{version}"] = "package",
        });
        var metadata = Path.Combine(PackageFeed.GlobalPackagesFolder(), "r1mlnet.mlnet", version, ".nupkg.metadata");
        using var source = JsonDocument.Parse(File.ReadAllText(metadata));
        Path.GetFullPath(source.RootElement.GetProperty("source").GetString()!).TrimEnd('/')
            .Should().Be(Path.GetFullPath(PackageFeed.Folder).TrimEnd('/'), "this run's packages, not a stale copy");
    }

    [Test]
    public void Scores_rewards_through_DI()
    {
        Printed("rewards").Should().Be("math format");
        Printed("totals").Should().Be("1.5 0.5", "the right answer gets math 1 + 0.5 × format 1, the wrong one the format only");
    }

    [Test]
    public void Runs_a_tiny_SFT_GRPO_Reason_pipeline()
    {
        Printed("sft steps").Should().Be("20");
        Printed("grpo steps").Should().Be("2");
        Printed("columns").Split(' ').Should().Contain(["Prompt", "Completion", "Reasoning", "Answer"]);
        Printed("answers").Should().Be("4", "Reason answers every test row");
        Printed("questions").Should().Be("4");
        double.Parse(Printed("pass@1"), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(0, 1);
    }

    private string Printed(string key) =>
        _printed.TryGetValue(key, out var value) ? value : throw new AssertionException($"The app printed no '{key}:'.\n{_run.Tail()}");

    private static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <!-- the local folder feed with this run's R1MLNet packages; the machine's usual sources stay -->
            <add key="r1mlnet-local" value="{feed}" />
          </packageSources>
        </configuration>
        """;
}
