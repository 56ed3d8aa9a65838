using R1.Rewards.Readability;
using static R1.Rewards.Tests.Readability.ReadabilitySamples;

namespace R1.Rewards.Tests.Readability;

public class CodeBlockFilterTests
{
    private static readonly CodeBlockFilter Filter = new();

    [TestCase("Let me write it:\n```python\nprint(42)\n```\nso 42.", "```python", 2)]
    [TestCase("Let me write it:\n```\nprint(42)\n```", "```", 2)]
    [TestCase("a\nb\n~~~\nx = 42\n~~~", "~~~", 3)]
    [TestCase("~~~ruby\nputs 42\n~~~", "~~~ruby", 1)]
    [TestCase("first\n   ````c++ {.numberLines}\nint x;\n   ````", "````c++ {.numberLines}", 2)]
    [TestCase("Unclosed:\n```js\nconsole.log(42)", "```js", 2)]
    public void A_fenced_block_fails_with_its_fence_and_line(string cot, string fence, int line)
    {
        var verdict = Filter.Check(Cot(cot));

        verdict.Passed.Should().BeFalse();
        verdict.Reason.Should().Be($"fenced code block ({fence}) at line {line}");
    }

    [TestCase("Use `x = 42` inline, then `y`.")]
    [TestCase("A run inside a line: ```x = 42``` is inline code.")]
    [TestCase("```x``` at the start of a line is an inline code span.")]
    [TestCase("Two backticks ``x`` and a tilde pair ~~strike~~.")]
    public void Inline_code_is_not_a_block(string cot)
    {
        var verdict = Filter.Check(Cot(cot));

        verdict.Passed.Should().BeTrue(verdict.Reason);
        verdict.Reason.Should().Be("no code block");
    }

    [Test]
    public void A_fence_in_the_answer_is_not_in_the_chain_of_thought()
    {
        var sample = Cot("Plain reasoning.", answer: "\n```python\nprint(42)\n```\n");
        var whole = new CodeBlockFilter(new CodeBlockFilterOptions { Target = ReadabilityTarget.WholeCompletion });

        Filter.Check(sample).Passed.Should().BeTrue();
        whole.Check(sample).Passed.Should().BeFalse();
    }

    [Test]
    public void Crlf_fences_are_found()
    {
        Filter.Check(Cot("text\r\n```cs\r\nvar x = 1;\r\n```\r\n")).Reason.Should().Be("fenced code block (```cs) at line 2");
    }

    [TestCase("Write <pre>x = 1</pre> here.", "<pre>")]
    [TestCase("Here <CODE class=\"py\">print(1)</CODE>.", "<CODE class=\"py\">")]
    public void Html_code_markup_fails_unless_turned_off(string cot, string tag)
    {
        var off = new CodeBlockFilter(new CodeBlockFilterOptions { DetectHtmlCode = false });

        Filter.Check(Cot(cot)).Reason.Should().Be($"HTML code markup ({tag}) at line 1");
        off.Check(Cot(cot)).Passed.Should().BeTrue();
    }

    [Test]
    public void Indented_code_after_a_blank_line_fails_only_when_turned_on()
    {
        string cot = "The program is:\n\n    x = 6\n    print(x * 7)\n\nwhich prints 42.";
        var on = new CodeBlockFilter(new CodeBlockFilterOptions { DetectIndentedCode = true });

        Filter.Check(Cot(cot)).Passed.Should().BeTrue("indented code is off by default");
        on.Check(Cot(cot)).Reason.Should().Be("indented code block (2+ lines) at line 3");
    }

    [Test]
    public void Indented_continuation_lines_of_a_paragraph_are_not_code()
    {
        var on = new CodeBlockFilter(new CodeBlockFilterOptions { DetectIndentedCode = true });

        on.Check(Cot("We have\n    a = 1\n    b = 2\nthen a + b = 3.")).Passed.Should().BeTrue();
        on.Check(Cot("Only one line:\n\n    a = 1\n\nend.")).Passed.Should().BeTrue("one indented line is below MinIndentedLines");
    }

    [Test]
    public void Min_indented_lines_is_validated()
    {
        var act = () => new CodeBlockFilter(new CodeBlockFilterOptions { MinIndentedLines = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MinIndentedLines");
    }
}
