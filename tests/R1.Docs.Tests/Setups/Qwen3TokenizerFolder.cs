using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Setups;

/// <summary>The tokenizer snippet's <c>models/qwen3</c>: testdata's Qwen3 <c>tokenizer.json</c> and <c>tokenizer_config.json</c>.</summary>
[SnippetSetup("qwen3-tokenizer-folder")]
public static class Qwen3TokenizerFolder
{
    public static void Run(SnippetContext context) => CopyQwen3Tokenizer(context.Path("models/qwen3"));

    /// <summary>Copies the Qwen3 tokenizer files into <paramref name="folder"/>.</summary>
    internal static void CopyQwen3Tokenizer(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "tokenizer.json", "tokenizer_config.json" })
            File.Copy(TestPaths.TestData($"tokenizers/qwen3/{name}"), Path.Combine(folder, name));
    }
}
