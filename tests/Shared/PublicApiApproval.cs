using System.Reflection;
using PublicApiGenerator;

namespace R1.Tests.Shared;

/// <summary>
/// The public-API baseline: an assembly's public surface, as PublicApiGenerator prints it, must equal the approved text in
/// <c>tests/PublicApi/{assembly}.txt</c>, so the surface changes only on purpose. To approve a deliberate change, run the
/// tests with <c>R1_ACCEPT_PUBLIC_API=1</c> (the file is rewritten) and commit the diff with the change.
/// </summary>
internal static class PublicApiApproval
{
    public static void Verify(Assembly assembly)
    {
        string name = assembly.GetName().Name!;
        string file = Path.Combine(TestPaths.RepoRoot, "tests", "PublicApi", name + ".txt");
        // The DI entry points live in Microsoft.Extensions.DependencyInjection on purpose (one using brings them); the generator skips
        // Microsoft.* namespaces unless allowed.
        var options = new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false, AllowNamespacePrefixes = ["Microsoft.Extensions.DependencyInjection"],
        };
        string actual = assembly.GeneratePublicApi(options).ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("R1_ACCEPT_PUBLIC_API") == "1")
        {
            File.WriteAllText(file, actual);
            return;
        }
        if (!File.Exists(file)) Assert.Fail($"No public-API baseline for {name} at {file}. Run the tests with R1_ACCEPT_PUBLIC_API=1 to write it.");
        string expected = File.ReadAllText(file).ReplaceLineEndings("\n");
        if (actual == expected) return;
        var expectedLines = expected.Split('\n').Select(l => l.Trim()).ToHashSet();
        var actualLines = actual.Split('\n').Select(l => l.Trim()).ToHashSet();
        var added = actualLines.Except(expectedLines).Where(l => l.Length > 1).Take(20).ToList();
        var removed = expectedLines.Except(actualLines).Where(l => l.Length > 1).Take(20).ToList();
        Assert.Fail($"The public API of {name} differs from {file}.\n" +
                    $"Added:\n  {string.Join("\n  ", added)}\nRemoved:\n  {string.Join("\n  ", removed)}\n" +
                    "If the change is deliberate, run the tests with R1_ACCEPT_PUBLIC_API=1 and commit the updated baseline.");
    }
}
