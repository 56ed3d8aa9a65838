using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests;

/// <summary>What the runner reports when a block does not compile, throws or hangs, and what a block sees when it runs.</summary>
[NonParallelizable]
public class SnippetRunnerTests
{
    private static DocSnippet Block(string code, params string[] setups) => new("x.md", 10, code, setups, []);

    [Test]
    public async Task A_compile_error_is_reported_at_its_markdown_line()
    {
        var run = () => SnippetRunner.RunAsync(Block("var a = 1;\nint b = \"text\";"), TimeSpan.FromSeconds(30));

        (await run.Should().ThrowAsync<SnippetFailedException>())
            .WithMessage("x.md:10: the block does not compile:*x.md:12:9: CS0029:*");
    }

    [Test]
    public async Task An_exception_of_the_block_is_reported_with_its_type_and_message()
    {
        var run = () => SnippetRunner.RunAsync(Block("throw new InvalidOperationException(\"boom\");"), TimeSpan.FromSeconds(30));

        (await run.Should().ThrowAsync<SnippetFailedException>())
            .WithMessage("x.md:10: the block threw InvalidOperationException: boom")
            .WithInnerException<InvalidOperationException>();
    }

    [Test]
    public async Task A_block_that_runs_past_the_timeout_fails()
    {
        var run = () => SnippetRunner.RunAsync(Block("Console.Write(\"started\");\nawait Task.Delay(10_000);"), TimeSpan.FromMilliseconds(300));

        (await run.Should().ThrowAsync<SnippetFailedException>()).WithMessage("x.md:10 did not finish within 0 s*started*");
    }

    [Test]
    public async Task A_block_reads_its_setup_files_runs_in_a_fresh_directory_and_its_output_is_captured()
    {
        var before = Environment.CurrentDirectory;

        var output = await SnippetRunner.RunAsync(Block(
            "Console.Write($\"{File.Exists(\"models/qwen3/tokenizer.json\")} | {args.Length} | \");\n" +
            "Console.Write(Path.GetFileName(Environment.CurrentDirectory));", "qwen3-tokenizer-folder"), TimeSpan.FromSeconds(30));

        output.Should().StartWith("True | 0 | r1-doc-snippet-");
        Environment.CurrentDirectory.Should().Be(before);
        Directory.Exists(Path.Combine(Path.GetTempPath(), output.Split(" | ")[^1])).Should().BeFalse("the directory is deleted");
    }

    [Test]
    public async Task A_block_has_only_the_implicit_usings_of_a_console_app()
    {
        var run = () => SnippetRunner.RunAsync(Block("var ml = new MLContext();"), TimeSpan.FromSeconds(30));

        (await run.Should().ThrowAsync<SnippetFailedException>()).WithMessage("*CS0246*MLContext*");
        (await SnippetRunner.RunAsync(Block("using Microsoft.ML;\nConsole.Write(new MLContext(seed: 1).GetType().Name);"),
            TimeSpan.FromSeconds(30))).Should().Be("MLContext");
    }

    [Test]
    public async Task An_unknown_setup_name_lists_the_known_ones()
    {
        var run = () => SnippetRunner.RunAsync(Block("A();", "no-such-setup"), TimeSpan.FromSeconds(30));

        (await run.Should().ThrowAsync<SnippetFailedException>()).WithMessage("No snippet setup named 'no-such-setup'*tiny-hf-checkpoint*");
    }
}
