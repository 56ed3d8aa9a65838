using System.IO.Compression;
using System.Text.Json;
using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Setups;

/// <summary>The code-reward snippet's <c>p</c> (HumanEval/0 from testdata) and <c>modelOutput</c> (its canonical solution).</summary>
[SnippetSetup("humaneval-problem")]
public static class HumanEvalProblem
{
    /// <summary>One HumanEval problem: the fields the code reward takes.</summary>
    public sealed record Problem(string Prompt, string Test, string EntryPoint, string CanonicalSolution);

    public static Problem p { get; private set; } = null!;

    public static string modelOutput { get; private set; } = "";

    public static void Run(SnippetContext context)
    {
        using var file = File.OpenRead(TestPaths.TestData("data/humaneval/HumanEval.jsonl.gz"));
        using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
        var json = JsonDocument.Parse(reader.ReadLine()!).RootElement;
        string Field(string name) => json.GetProperty(name).GetString()!;
        p = new Problem(Field("prompt"), Field("test"), Field("entry_point"), Field("canonical_solution"));
        modelOutput = $"<think>I will implement {p.EntryPoint}.</think>\n```python\n{p.Prompt}{p.CanonicalSolution}\n```\n";
    }
}
