using System.Xml.Linq;

namespace R1.Packaging.Tests;

/// <summary>What the gallery and a consumer's restore see in each packed library: metadata, files and dependencies.</summary>
public class PackageMetadataTests
{
    public static IEnumerable<TestCaseData> Libraries() =>
        PackageFeed.Libraries.Select(p => new TestCaseData(p).SetName($"{{m}}({PackageFeed.PackageId(p)})"));

    [TestCaseSource(nameof(Libraries))]
    public void Has_the_gallery_metadata_readme_licence_repository_and_tags(string project)
    {
        var nuspec = NuspecDocument.Read(PackageFeed.Nupkg(PackageFeed.PackageId(project)));

        nuspec.Id.Should().Be(PackageFeed.PackageId(project));
        nuspec.Version.Should().Be(RepositoryVersion(), "every package takes its version from Directory.Build.props");
        nuspec.Value("description").Should().NotBe("Package Description");
        nuspec.Value("description").Length.Should().BeGreaterThan(80, "the gallery shows it as the package's summary");
        nuspec.Attribute("license", "type").Should().Be("expression");
        nuspec.Value("license").Should().Be("MIT");
        nuspec.Value("readme").Should().Be("README.md");
        nuspec.Files.Should().Contain("README.md");
        nuspec.Attribute("repository", "url").Should().Be("https://github.com/r1mlnet/r1mlnet");
        nuspec.Attribute("repository", "commit").Should().MatchRegex("^[0-9a-f]{40}$", "SourceLink records the commit");
        nuspec.Value("projectUrl").Should().NotBeEmpty();
        nuspec.Value("tags").Split(' ').Should().Contain(["deepseek-r1", "reasoning"]).And.HaveCountGreaterThan(4);
    }

    [TestCaseSource(nameof(Libraries))]
    public void Ships_the_assembly_with_its_XML_docs_and_symbols_in_a_snupkg(string project)
    {
        var id = PackageFeed.PackageId(project);
        var nuspec = NuspecDocument.Read(PackageFeed.Nupkg(id));

        nuspec.Files.Should().Contain([$"lib/net10.0/{project}.dll", $"lib/net10.0/{project}.xml"]);
        nuspec.Files.Should().NotContain(f => f.EndsWith(".pdb", StringComparison.Ordinal), "symbols go to the .snupkg");
        var snupkg = PackageFeed.Snupkg(id);
        snupkg.Should().NotBeNull($"{id} should have a symbol package");
        NuspecDocument.Read(snupkg!).Files.Should().Contain($"lib/net10.0/{project}.pdb");
    }

    [TestCaseSource(nameof(Libraries))]
    public void Links_its_sources_to_the_repository_at_the_packed_commit(string project)
    {
        var id = PackageFeed.PackageId(project);
        var commit = NuspecDocument.Read(PackageFeed.Nupkg(id)).Attribute("repository", "commit");

        var symbols = PackageSymbols.Read(PackageFeed.Snupkg(id)!, $"lib/net10.0/{project}.pdb");

        symbols.SourceLink.Should().Contain($"https://raw.githubusercontent.com/r1mlnet/r1mlnet/{commit}/");
        if (Environment.GetEnvironmentVariable("CI") == "true")
            symbols.Documents.Should().OnlyContain(d => d.StartsWith("/_/"), "a CI build maps source paths (ContinuousIntegrationBuild)");
    }

    [Test]
    public void Our_packages_depend_on_each_other_at_exactly_the_packed_version()
    {
        var version = RepositoryVersion();

        Dependency("R1MLNet.MLNet", "R1MLNet.Rollout").Version.Should().Be($"[{version}]");
        Dependency("R1MLNet.MLNet", "R1MLNet.Rewards").Version.Should().Be($"[{version}]");
        Dependency("R1MLNet.Serving", "R1MLNet.MLNet").Version.Should().Be($"[{version}]");
        AllDependencies().Where(d => d.Id.StartsWith("R1MLNet.", StringComparison.Ordinal))
            .Should().OnlyContain(d => d.Version == $"[{version}]");
    }

    [Test]
    public void Torch_comes_as_TorchSharp_only_so_the_consumer_picks_the_native_backend()
    {
        Dependency("R1MLNet.Rollout", "TorchSharp").Version.Should().NotBeEmpty();
        AllDependencies().Should().NotContain(d => d.Id.StartsWith("TorchSharp-", StringComparison.OrdinalIgnoreCase)
            || d.Id.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase));
        NuspecDocument.Read(PackageFeed.Nupkg("R1MLNet.Rewards")).Dependencies.Should()
            .NotContain(d => d.Id.StartsWith("TorchSharp", StringComparison.Ordinal) || d.Id == "Microsoft.ML", "rewards know no Torch");
    }

    [Test]
    public void DI_and_logging_are_consumed_through_their_abstractions()
    {
        AllDependencies().Select(d => d.Id).Should()
            .NotContain(["Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Logging"])
            .And.Contain(["Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions"]);
        NuspecDocument.Read(PackageFeed.Nupkg("R1MLNet.Serving")).FrameworkReferences.Should().Contain("Microsoft.AspNetCore.App");
    }

    [TestCaseSource(nameof(Libraries))]
    public void Shows_its_internals_to_test_assemblies_only(string project)
    {
        var friends = PackageSymbols.InternalsVisibleTo(PackageFeed.Nupkg(PackageFeed.PackageId(project)), $"lib/net10.0/{project}.dll");

        friends.Should().OnlyContain(f => f.EndsWith(".Tests", StringComparison.Ordinal) || f == "R1.CheckpointCrashHost",
            "no package may reach into another package's internals");
    }

    private static NuspecDependency Dependency(string packageId, string dependencyId) =>
        NuspecDocument.Read(PackageFeed.Nupkg(packageId)).Dependencies.Should().ContainSingle(d => d.Id == dependencyId).Subject;

    private static IEnumerable<NuspecDependency> AllDependencies() =>
        PackageFeed.Libraries.SelectMany(p => NuspecDocument.Read(PackageFeed.Nupkg(PackageFeed.PackageId(p))).Dependencies);

    /// <summary>The VersionPrefix of Directory.Build.props: the one place the version is set.</summary>
    internal static string RepositoryVersion() =>
        XDocument.Load(Path.Combine(TestPaths.RepoRoot, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;
}
