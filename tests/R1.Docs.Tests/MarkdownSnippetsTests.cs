using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests;

/// <summary>How C# blocks and their markers are found in markdown, and that the repository's docs are all seen.</summary>
public class MarkdownSnippetsTests
{
    [Test]
    public void Finds_CSharp_fences_only_with_their_line_and_exact_text()
    {
        var md = "# Title\n```bash\nls\n```\ntext\n```csharp\nvar x = 1;\n\nConsole.WriteLine(x);\n```\n```cs\nA();\n```\n" +
                 "```c#\nB();\n```\n```text\nC();\n```\n";

        var snippets = MarkdownSnippets.Parse("a.md", md);

        snippets.Select(s => (s.Line, s.Code)).Should().Equal((6, "var x = 1;\n\nConsole.WriteLine(x);"), (11, "A();"), (14, "B();"));
        snippets[0].Location.Should().Be("a.md:6");
    }

    [Test]
    public void An_indented_fence_loses_its_indentation_and_keeps_its_markers()
    {
        var md = "- item\n  <!-- snippet-setup: one -->\n  ```csharp\n  if (true)\n      A();\n  ```\n";

        var snippet = MarkdownSnippets.Parse("b.md", md).Single();

        snippet.Code.Should().Be("if (true)\n    A();");
        snippet.Setups.Should().Equal("one");
    }

    [Test]
    public void Markers_on_the_lines_just_before_the_fence_name_setups_and_checks_in_order()
    {
        var md = "<!-- snippet-setup: far -->\n\n<!-- snippet-setup: a b -->\n<!--snippet-check:c-->\n<!-- snippet-setup: d, e -->\n" +
                 "```csharp\nX();\n```\n```csharp\nY();\n```\n";

        var snippets = MarkdownSnippets.Parse("c.md", md);

        snippets[0].Setups.Should().Equal("a", "b", "d", "e");
        snippets[0].Checks.Should().Equal("c");
        snippets[1].Setups.Should().BeEmpty("markers belong to the fence right after them");
    }

    [Test]
    public void A_longer_fence_holds_a_shorter_one_and_CRLF_text_reads_the_same()
    {
        var md = "````csharp\r\nvar s = \"\"\"\r\n```\r\n\"\"\";\r\n````\r\n";

        MarkdownSnippets.Parse("d.md", md).Single().Code.Should().Be("var s = \"\"\"\n```\n\"\"\";");
    }

    [Test]
    public void An_unknown_marker_or_an_unclosed_block_names_the_file_and_line()
    {
        FluentActions.Invoking(() => MarkdownSnippets.Parse("e.md", "x\n<!-- snippet-skip: why -->\n```csharp\nA();\n```\n"))
            .Should().Throw<FormatException>().WithMessage("e.md:2: unknown marker 'snippet-skip'*");
        FluentActions.Invoking(() => MarkdownSnippets.Parse("f.md", "```csharp\nA();\n"))
            .Should().Throw<FormatException>().WithMessage("f.md:1: the C# block is never closed.");
    }

    [Test]
    public void The_repository_docs_have_C_sharp_blocks_and_every_marker_names_an_existing_fixture()
    {
        var snippets = MarkdownSnippets.FindAll(TestPaths.RepoRoot);

        snippets.Where(s => s.File == "README.md").Should().HaveCountGreaterThanOrEqualTo(3, "the README has the quick starts");
        snippets.Select(s => s.File).Should().Contain("docs/mlnet.md").And.Contain("src/R1.MLNet/README.md")
            .And.OnlyContain(f => f == "README.md" || f.StartsWith("docs/") || f.StartsWith("examples/")
                || (f.StartsWith("src/") && f.EndsWith("/README.md")));
        foreach (var s in snippets)
        {
            foreach (var name in s.Setups) SnippetFixtures.Setup(name).Should().NotBeNull();
            foreach (var name in s.Checks) SnippetFixtures.Check(name).Should().NotBeNull();
        }
    }
}
