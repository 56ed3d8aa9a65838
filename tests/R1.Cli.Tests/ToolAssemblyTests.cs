using System.Xml.Linq;

namespace R1.Cli.Tests;

/// <summary>The tool's assembly and package settings: <c>r1</c>, a dotnet tool, no public API to baseline.</summary>
public sealed class ToolAssemblyTests
{
    [Test]
    public void The_tool_assembly_is_r1_and_exports_no_public_types()
    {
        var assembly = typeof(R1App).Assembly;
        assembly.GetName().Name.Should().Be("r1");
        assembly.GetExportedTypes().Should().BeEmpty("everything in the tool is internal, so it has no public-API baseline");
    }

    [Test]
    public void The_project_packs_as_the_r1_dotnet_tool()
    {
        var project = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "src", "R1.Cli", "R1.Cli.csproj"));
        string? Property(string name) => project.Descendants(name).SingleOrDefault()?.Value;
        (Property("PackAsTool"), Property("ToolCommandName"), Property("PackageId")).Should().Be(("true", "r1", "R1MLNet.Cli"));
    }
}
