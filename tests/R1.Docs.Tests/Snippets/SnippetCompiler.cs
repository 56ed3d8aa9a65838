using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace R1.Docs.Tests.Snippets;

/// <summary>
/// Compiles a snippet, its text exactly as written, as the top-level statements of a console program: what a reader gets by
/// pasting it into <c>Program.cs</c>. Roslyn scripting is not used because scripts reject top-level <c>using var</c>, which the
/// docs use. The program references every assembly the test host loads (.NET, the R1 libraries, ML.NET, Microsoft.Extensions.*,
/// TorchSharp) and has only the implicit global usings of a new console app (<see cref="Imports"/>): every other namespace the
/// snippet needs, it names itself, and it declares all its data (setups only write files it reads).
/// </summary>
public static class SnippetCompiler
{
    /// <summary>The implicit usings of <c>dotnet new console</c> (Microsoft.NET.Sdk with ImplicitUsings enabled).</summary>
    public static IReadOnlyList<string> Imports { get; } =
    [
        "System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Net.Http", "System.Threading",
        "System.Threading.Tasks",
    ];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>Compiles <paramref name="snippet"/> and loads the program.</summary>
    /// <exception cref="SnippetFailedException">It does not compile; the message lists the errors at their markdown lines.</exception>
    public static Assembly Compile(DocSnippet snippet)
    {
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(snippet.Code, ParseOptions, path: snippet.File),
            CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, path: "GlobalUsings.g.cs"),
        };
        var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication,
            optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable);
        var compilation = CSharpCompilation.Create("DocSnippet_" + Guid.NewGuid().ToString("N"), trees, References.Value, options);
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success) throw new SnippetFailedException(Describe(snippet, result.Diagnostics));
        return Assembly.Load(image.ToArray());
    }

    private static string GlobalUsings => string.Concat(Imports.Select(n => $"global using {n};\n"));

    private static string Describe(DocSnippet snippet, IEnumerable<Diagnostic> diagnostics)
    {
        var text = new StringBuilder($"{snippet.Location}: the block does not compile:\n");
        foreach (var d in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            var span = d.Location.GetLineSpan();
            bool inSnippet = span.Path == snippet.File;
            int line = span.StartLinePosition.Line + 1 + (inSnippet ? snippet.Line : 0);
            text.AppendLine($"  {span.Path}:{line}:{span.StartLinePosition.Character + 1}: {d.Id}: {d.GetMessage()}");
        }
        return text.Append("Code:\n").Append(snippet.Code).ToString();
    }

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var tpa = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator);
        return tpa
            .Where(p => p.Length > 0 && File.Exists(p))
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    }
}
