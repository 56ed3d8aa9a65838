using System.Diagnostics;
using R1.Rollout.ChatTemplates;
using R1.Rollout.ChatTemplates.Jinja;

namespace R1.Rollout.Tests.ChatTemplates.Jinja;

/// <summary>Hostile and edge inputs: error positions, unclosed tags, unsupported features, nesting and work bounds.</summary>
public sealed class JinjaEngineTests
{
    private static string Render(string template, Dictionary<string, object?>? context = null) =>
        JinjaTemplate.Parse(template).Render(context ?? new Dictionary<string, object?>());

    private static ChatTemplateException Fails(string template, Dictionary<string, object?>? context = null)
    {
        var act = () => Render(template, context);
        return act.Should().Throw<ChatTemplateException>().Which;
    }

    [TestCase("{{ 1 + }}", 1, 8, "expected a value*")]
    [TestCase("a\nb\n  {% if x %}never closed", 3, 3, "the 'if' tag is never closed (expected '{% elif %}' or '{% else %}' or '{% endif %}'*")]
    [TestCase("{% for x in y %}{% if x %}{% endfor %}", 1, 30, "unexpected 'endfor': the 'if' tag at line 1, column 17 is still open")]
    [TestCase("line\n{{ 'unclosed }}", 2, 4, "the string literal is never closed")]
    [TestCase("x {# no end", 1, 3, "the comment is never closed*")]
    [TestCase("{{ x ", 1, 1, "the tag is never closed*")]
    [TestCase("{% endif %}", 1, 4, "'endif' without a matching opening tag")]
    [TestCase("\n\n{% macro m() %}{% endmacro %}", 3, 4, "the tag 'macro' is not supported*")]
    [TestCase("{% include 'other.jinja' %}", 1, 4, "the tag 'include' is not supported*")]
    [TestCase("{{ x | tojson | shout }}", 1, 17, "no filter named 'shout'")]
    [TestCase("{% if x is sunny %}{% endif %}", 1, 12, "no test named 'sunny'")]
    [TestCase("{{ a @ b }}", 1, 6, "unexpected character '@'")]
    [TestCase("{{ f(a=1, 2) }}", 1, 11, "a positional argument follows a keyword argument")]
    public void Syntax_errors_name_the_line_and_column(string template, int line, int column, string message)
    {
        var act = () => JinjaTemplate.Parse(template);
        var error = act.Should().Throw<ChatTemplateException>().Which;
        (error.Line, error.Column).Should().Be((line, column));
        error.Message.Should().Match($"Chat template line {line}, column {column}: {message}");
    }

    [Test]
    public void Runtime_errors_name_the_expression_that_failed()
    {
        var error = Fails("ok\n  {{ 'fine'.upper() }}{{ nothing.attr }}");
        error.Message.Should().Be("Chat template line 2, column 33: 'nothing' is undefined");
        var messages = new List<object?> { new Dictionary<string, object?> { ["content"] = "a" } };
        Fails("{% for m in messages %}{{ m.content + 1 }}{% endfor %}", new() { ["messages"] = messages })
            .Message.Should().Contain("unsupported operand types for +: 'str' and 'int'");
        Fails("{% break %}").Message.Should().Contain("'break' outside a loop");
        Fails("{% set s = 'x' %}{% set s.a = 1 %}").Message.Should().Contain("it is not a namespace()");
    }

    [Test]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        string ifs = string.Concat(Enumerable.Repeat("{% if true %}", 500)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 500));
        Fails(ifs).Message.Should().Contain($"nests deeper than {JinjaParser.MaxDepth} levels");
        string parens = "{{ " + new string('(', 5000) + "1" + new string(')', 5000) + " }}";
        Fails(parens).Message.Should().Contain("nests deeper");
        string lists = "{{ " + string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000)) + " }}";
        Fails(lists).Message.Should().Contain("nests deeper");
        string chain = "{{ 1" + string.Concat(Enumerable.Repeat(" + 1", JinjaParser.MaxChain + 1)) + " }}";
        Fails(chain).Message.Should().Contain("operator chain is longer");
        string filters = "{{ 'x'" + string.Concat(Enumerable.Repeat(" | trim", JinjaParser.MaxChain + 2)) + " }}";
        Fails(filters).Message.Should().Contain("chain of filters");
    }

    [Test]
    public void Nesting_within_the_bounds_renders()
    {
        int depth = 50;
        string ifs = string.Concat(Enumerable.Repeat("{% if true %}", depth)) + "deep" + string.Concat(Enumerable.Repeat("{% endif %}", depth));
        Render(ifs).Should().Be("deep");
        Render("{{ " + new string('(', depth) + "6 * 7" + new string(')', depth) + " }}").Should().Be("42");
    }

    [Test]
    public void Huge_loops_stop_at_the_step_bound()
    {
        var watch = Stopwatch.StartNew();
        Fails("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
            .Message.Should().Contain($"more than {JinjaEvaluator.MaxSteps} steps");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
        Fails("{% for i in range(100001) %}{% endfor %}").Message.Should().Contain("range too big");
    }

    [Test]
    public void Output_and_strings_stop_at_the_size_bound()
    {
        Fails("{{ 'x' * 100000000 }}").Message.Should().Contain("beyond the engine's limit");
        Fails("{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}")
            .Message.Should().Contain("beyond the engine's limit");
        Fails("{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}")
            .Message.Should().Contain($"beyond {JinjaEvaluator.MaxOutputChars} characters");
    }

    [Test]
    public void Undefined_values_follow_jinja2_default_undefined()
    {
        var context = new Dictionary<string, object?> { ["m"] = new Dictionary<string, object?> { ["role"] = "user" } };
        Render("[{{ m.content }}][{{ m.content is defined }}][{{ m.content | default('none') }}][{{ m.content | length }}]", context)
            .Should().Be("[][False][none][0]");
        Fails("{{ m.content.strip() }}", context).Message.Should().Contain("'dict object' has no attribute 'content'");
    }

    [Test]
    public void The_generation_marker_of_transformers_renders_its_body()
    {
        Render("{% for x in ['a', 'b'] %}{% generation %}{{ x }}{% endgeneration %}{% endfor %}").Should().Be("ab");
    }

    [Test]
    public void Context_values_are_converted_and_unknown_types_refused()
    {
        var context = new Dictionary<string, object?>
        {
            ["i"] = 3, ["f"] = 0.5f, ["l"] = new[] { 1, 2 }, ["d"] = new Dictionary<string, object?> { ["k"] = 7 },
        };
        Render("{{ i + 1 }} {{ f }} {{ l | sum }} {{ d.k * 2 }}", context).Should().Be("4 0.5 3 14");
        var act = () => Render("{{ x }}", new() { ["x"] = new Uri("http://example.com") });
        act.Should().Throw<ArgumentException>().WithMessage("*Uri*");
    }

    [Test]
    public void One_parsed_template_renders_concurrently()
    {
        var template = JinjaTemplate.Parse("{% set ns = namespace(n=0) %}{% for i in range(k) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}");
        var results = Enumerable.Range(0, 64).AsParallel()
            .Select(k => (k, template.Render(new Dictionary<string, object?> { ["k"] = k }))).ToList();
        results.Should().AllSatisfy(r => r.Item2.Should().Be((r.k * (r.k - 1) / 2).ToString()));
    }
}
