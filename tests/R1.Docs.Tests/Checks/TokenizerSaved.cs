using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>docs/tokenizers.md's snippet encoded the prompt, decoded it back, and saved the tokenizer files unchanged.</summary>
[SnippetCheck("tokenizer-saved")]
public static class TokenizerSaved
{
    public static void Run(SnippetContext context)
    {
        context.Output.Should().MatchRegex(@"^\d+ tokens; decoded without special tokens: .*What is 17\+25\?");
        File.ReadAllBytes(context.Path("runs/checkpoint-100/tokenizer.json"))
            .Should().Equal(File.ReadAllBytes(TestPaths.TestData("tokenizers/qwen3/tokenizer.json")));
    }
}
