using R1.Rewards.Code;

namespace R1.Rewards.Tests.Code;

public class CodeBlockExtractorTests
{
    [Test]
    public void The_last_fenced_block_of_the_answer_wins()
    {
        var code = CodeBlockExtractor.Extract("<think>```python\nthinking = 1\n```</think>\nFirst:\n```py\na = 1\n```\nFinal:\n```python\ndef f():"
            + "\n    return 2\n```\nDone.");

        code.Should().Be(new ExtractedCode("def f():\n    return 2", "python", Fenced: true));
    }

    [Test]
    public void Without_a_fence_the_whole_answer_is_the_code()
    {
        CodeBlockExtractor.Extract("def f():\n    return 1\n").Should().Be(new ExtractedCode("def f():\n    return 1", null, Fenced: false));
        CodeBlockExtractor.Extract("<think>hmm</think>\nx = 1").Should().Be(new ExtractedCode("x = 1", null, Fenced: false));
    }

    [Test]
    public void An_unclosed_final_fence_keeps_the_truncated_code()
    {
        CodeBlockExtractor.Extract("```python\nx = 1\n```\nbetter:\n```python\ny = 2\nz =").Should()
            .Be(new ExtractedCode("y = 2\nz =", "python", Fenced: true));
    }

    [Test]
    public void A_closing_fence_may_end_the_last_code_line_and_tags_are_lower_cased()
    {
        CodeBlockExtractor.Extract("```Python\nx = 1```").Should().Be(new ExtractedCode("x = 1", "python", Fenced: true));
    }

    [TestCase("")]
    [TestCase("   \n ")]
    [TestCase("```python\n\n```")]
    [TestCase("<think>only thoughts</think>")]
    public void No_code_gives_null(string completion) => CodeBlockExtractor.Extract(completion).Should().BeNull();

    [TestCase(null, true)]
    [TestCase("python", true)]
    [TestCase("py", true)]
    [TestCase("python3", true)]
    [TestCase("csharp", false)]
    public void Python_tags(string? tag, bool python) => CodeBlockExtractor.IsPython(tag).Should().Be(python);
}
