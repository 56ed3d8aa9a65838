using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace R1.Docs.Tests.Snippets;

/// <summary>
/// Compiles a snippet, its text exactly as written, as the top-level statements of a console program: what a reader gets by
/// pasting it into <c>Program.cs</c>. Roslyn scripting is not used because scripts reject top-level <c>using var</c>, which the
/// docs use. The program references every assembly the test host loads (.NET, the R1 libraries, ML.NET, Microsoft.Extensions.*,
/// TorchSharp, this project) and has the global usings a reader would add: <see cref="Imports"/>, plus a
/// <c>global using static</c> of each setup class, whose members are the variables the snippet uses without declaring them.
/// </summary>
public static class SnippetCompiler
{
    private static readonly string[] CommonImports =
    [
        "System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Text", "System.Threading",
        "System.Threading.Tasks", "System.ClientModel", "Microsoft.Extensions.AI", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
        "Microsoft.ML", "OpenAI",
    ];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>The global usings: common System and Microsoft.Extensions namespaces, ML.NET, OpenAI, and every public R1 namespace.</summary>
    public static IReadOnlyList<string> Imports { get; } = [.. CommonImports, .. R1Namespaces()];

    /// <summary>Compiles <paramref name="snippet"/> with <paramref name="setups"/> imported and loads the program.</summary>
    /// <exception cref="SnippetFailedException">It does not compile; the message lists the errors at their markdown lines.</exception>
    public static Assembly Compile(DocSnippet snippet, IEnumerable<Type> setups)
    {
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(snippet.Code, ParseOptions, path: snippet.File),
            CSharpSyntaxTree.ParseText(GlobalUsings(setups), ParseOptions, path: "GlobalUsings.g.cs"),
        };
        var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication,
            optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable);
        var compilation = CSharpCompilation.Create("DocSnippet_" + Guid.NewGuid().ToString("N"), trees, References.Value, options);
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success) throw new SnippetFailedException(Describe(snippet, result.Diagnostics));
        return Assembly.Load(image.ToArray());
    }

    private static string GlobalUsings(IEnumerable<Type> setups) =>
        string.Concat(Imports.Select(n => $"global using {n};\n")
            .Concat(setups.Select(t => $"global using static {t.FullName!.Replace('+', '.')};\n")));

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
        return tpa.Append(typeof(SnippetCompiler).Assembly.Location)
            .Where(p => p.Length > 0 && File.Exists(p))
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    }

    private static IEnumerable<string> R1Namespaces() =>
        new[] { typeof(R1.Rewards.Composition.IRewardScorer), typeof(R1.Rollout.Policy), typeof(R1.MLNet.ReasoningCatalog) }
            .SelectMany(t => t.Assembly.GetExportedTypes())
            .Select(t => t.Namespace)
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal);
}
