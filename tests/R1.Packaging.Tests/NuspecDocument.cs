using System.IO.Compression;
using System.Xml.Linq;

namespace R1.Packaging.Tests;

/// <summary>One dependency of a package, as its nuspec states it.</summary>
public sealed record NuspecDependency(string Id, string Version, string Exclude);

/// <summary>The nuspec inside a <c>.nupkg</c>, and the names of the package's files.</summary>
public sealed class NuspecDocument
{
    private readonly XElement _metadata;

    private NuspecDocument(XElement metadata, IReadOnlyList<string> files)
    {
        _metadata = metadata;
        Files = files;
    }

    /// <summary>The package's file names (zip entry paths).</summary>
    public IReadOnlyList<string> Files { get; }

    public string Id => Value("id");

    public string Version => Value("version");

    /// <summary>A metadata element's text (<c>description</c>, <c>readme</c>, …), or "" when absent.</summary>
    public string Value(string element) => _metadata.Elements().FirstOrDefault(e => e.Name.LocalName == element)?.Value ?? "";

    /// <summary>An attribute of a metadata element (<c>license</c>/<c>type</c>, <c>repository</c>/<c>url</c>, …), or "".</summary>
    public string Attribute(string element, string attribute) =>
        _metadata.Elements().FirstOrDefault(e => e.Name.LocalName == element)?.Attribute(attribute)?.Value ?? "";

    /// <summary>The dependencies of every target framework group.</summary>
    public IReadOnlyList<NuspecDependency> Dependencies =>
        _metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => new NuspecDependency((string)e.Attribute("id")!, (string?)e.Attribute("version") ?? "",
                (string?)e.Attribute("exclude") ?? ""))
            .ToList();

    /// <summary>The shared frameworks the package needs (<c>frameworkReference</c>), e.g. Microsoft.AspNetCore.App.</summary>
    public IReadOnlyList<string> FrameworkReferences =>
        _metadata.Descendants().Where(e => e.Name.LocalName == "frameworkReference").Select(e => (string)e.Attribute("name")!).ToList();

    public static NuspecDocument Read(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = entry.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return new NuspecDocument(metadata, zip.Entries.Select(e => e.FullName).ToList());
    }
}
