using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace R1.Packaging.Tests;

/// <summary>Reads a packed assembly's portable PDB (SourceLink, document paths) and its InternalsVisibleTo attributes.</summary>
public sealed record PackageSymbols(string SourceLink, IReadOnlyList<string> Documents)
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    /// <summary>The SourceLink JSON and the source document paths of the PDB at <paramref name="entry"/> in a package.</summary>
    public static PackageSymbols Read(string package, string entry)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbImage(ReadEntry(package, entry));
        var pdb = provider.GetMetadataReader();
        string sourceLink = pdb.CustomDebugInformation
            .Select(pdb.GetCustomDebugInformation)
            .Where(c => pdb.GetGuid(c.Kind) == SourceLinkKind)
            .Select(c => System.Text.Encoding.UTF8.GetString(pdb.GetBlobBytes(c.Value)))
            .SingleOrDefault() ?? "";
        var documents = pdb.Documents.Select(d => pdb.GetString(pdb.GetDocument(d).Name)).ToList();
        return new PackageSymbols(sourceLink, documents);
    }

    /// <summary>The assembly names that the assembly at <paramref name="entry"/> in a package shows its internals to.</summary>
    public static IReadOnlyList<string> InternalsVisibleTo(string package, string entry)
    {
        using var pe = new PEReader(ReadEntry(package, entry));
        var md = pe.GetMetadataReader();
        var friends = new List<string>();
        foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            if (AttributeTypeName(md, attribute) != "InternalsVisibleToAttribute") continue;
            var blob = md.GetBlobReader(attribute.Value);
            blob.ReadUInt16();   // the custom attribute prolog
            friends.Add(blob.ReadSerializedString()!.Split(',')[0].Trim());
        }
        return friends;
    }

    private static string AttributeTypeName(MetadataReader md, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference) return "";
        var parent = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        return parent.Kind == HandleKind.TypeReference ? md.GetString(md.GetTypeReference((TypeReferenceHandle)parent).Name) : "";
    }

    private static System.Collections.Immutable.ImmutableArray<byte> ReadEntry(string package, string entry)
    {
        using var zip = ZipFile.OpenRead(package);
        using var stream = zip.GetEntry(entry)?.Open() ?? throw new FileNotFoundException($"{entry} is not in {package}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return [.. copy.ToArray()];
    }
}
