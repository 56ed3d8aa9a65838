namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// Parses the token stream of <see cref="JinjaLexer"/> into statements: text, output, <c>if</c>/<c>elif</c>/<c>else</c>,
/// <c>for</c> (with a filter and <c>else</c>), <c>set</c> (plain, namespace attribute, block), <c>break</c>/<c>continue</c>
/// and <c>generation</c>. Other tags (macros, includes, inheritance) are reported as unsupported. Expressions are in
/// <c>JinjaParser.Expressions.cs</c>.
/// </summary>
internal sealed partial class JinjaParser
{
    /// <summary>Deepest nesting of blocks and sub-expressions accepted (a bound against stack exhaustion).</summary>
    public const int MaxDepth = 200;

    private readonly IReadOnlyList<JinjaToken> _tokens;
    private readonly Stack<(string Tag, JinjaToken At)> _open = new();
    private int _index;
    private int _depth;

    private JinjaParser(IReadOnlyList<JinjaToken> tokens) => _tokens = tokens;

    public static IReadOnlyList<JinjaStatement> Parse(string source)
    {
        var parser = new JinjaParser(JinjaLexer.Tokenize(source));
        var body = parser.ParseBody([], out _);
        return body;
    }

    private JinjaToken Current => _tokens[_index];

    private JinjaToken Peek(int ahead = 1) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private JinjaToken Advance() => _tokens[_index++];

    // Parses statements until a block tag named in 'stops' (returned in 'stop', its name consumed) or the end of the template.
    private List<JinjaStatement> ParseBody(string[] stops, out string? stop)
    {
        var body = new List<JinjaStatement>();
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case JinjaTokenKind.End:
                    if (stops.Length > 0) throw NeverClosed(stops);
                    stop = null;
                    return body;
                case JinjaTokenKind.Text:
                    Advance();
                    body.Add(new JinjaTextStatement(token.Value, token.Line, token.Column));
                    break;
                case JinjaTokenKind.VariableStart:
                    Advance();
                    var value = ParseExpression();
                    Expect(JinjaTokenKind.VariableEnd, "}}");
                    body.Add(new JinjaOutputStatement(value, token.Line, token.Column));
                    break;
                case JinjaTokenKind.BlockStart:
                    var name = Peek();
                    if (name.Kind == JinjaTokenKind.Name && stops.Contains(name.Value))
                    {
                        _index += 2;
                        stop = name.Value;
                        return body;
                    }
                    body.Add(ParseBlock());
                    break;
                default:
                    throw Error($"unexpected {token}", token);
            }
        }
    }

    private JinjaStatement ParseBlock()
    {
        var start = Advance();
        var name = Current;
        if (name.Kind != JinjaTokenKind.Name) throw Error($"expected a tag name after '{{%', got {name}", name);
        Advance();
        using var _ = Nest(start);
        _open.Push((name.Value, start));
        try { return ParseTag(start, name); }
        finally { _open.Pop(); }
    }

    private ChatTemplateException NeverClosed(string[] stops)
    {
        var (tag, at) = _open.Peek();
        string expected = string.Join(" or ", stops.Select(s => $"'{{% {s} %}}'"));
        return Error($"the '{tag}' tag is never closed (expected {expected} before the end of the template)", at);
    }

    private ChatTemplateException Misplaced(JinjaToken name)
    {
        var enclosing = _open.Skip(1).Select(o => ((string Tag, JinjaToken At)?)o).FirstOrDefault();
        return enclosing is { } open
            ? Error($"unexpected '{name.Value}': the '{open.Tag}' tag at line {open.At.Line}, column {open.At.Column} is still open", name)
            : Error($"'{name.Value}' without a matching opening tag", name);
    }

    private JinjaStatement ParseTag(JinjaToken start, JinjaToken name)
    {
        return name.Value switch
        {
            "if" => ParseIf(start),
            "for" => ParseFor(start),
            "set" => ParseSet(start),
            "break" or "continue" => EndTag(new JinjaLoopControlStatement(name.Value == "break", start.Line, start.Column)),
            "generation" => ParseGeneration(start),
            "elif" or "else" or "endif" or "endfor" or "endset" or "endgeneration" => throw Misplaced(name),
            _ => throw Error($"the tag '{name.Value}' is not supported by this chat-template engine", name),
        };
    }

    private JinjaStatement EndTag(JinjaStatement statement)
    {
        Expect(JinjaTokenKind.BlockEnd, "%}");
        return statement;
    }

    private JinjaIfStatement ParseIf(JinjaToken start)
    {
        var branches = new List<(JinjaExpression, IReadOnlyList<JinjaStatement>)>();
        IReadOnlyList<JinjaStatement> otherwise = [];
        var condition = ParseExpression();
        while (true)
        {
            Expect(JinjaTokenKind.BlockEnd, "%}");
            var body = ParseBody(["elif", "else", "endif"], out var stop);
            branches.Add((condition, body));
            if (stop == "elif") { condition = ParseExpression(); continue; }
            if (stop == "else")
            {
                Expect(JinjaTokenKind.BlockEnd, "%}");
                otherwise = ParseBody(["endif"], out _);
            }
            Expect(JinjaTokenKind.BlockEnd, "%}");
            return new JinjaIfStatement(branches, otherwise, start.Line, start.Column);
        }
    }

    private JinjaForStatement ParseFor(JinjaToken start)
    {
        var targets = new List<string> { ExpectName() };
        while (Current.IsOperator(",")) { Advance(); targets.Add(ExpectName()); }
        if (!Current.IsName("in")) throw Error($"expected 'in' in the for tag, got {Current}", Current);
        Advance();
        var iterable = ParseExpression(allowConditional: false);
        JinjaExpression? filter = null;
        if (Current.IsName("if")) { Advance(); filter = ParseExpression(); }
        if (Current.IsName("recursive")) throw Error("recursive loops are not supported", Current);
        Expect(JinjaTokenKind.BlockEnd, "%}");
        var body = ParseBody(["else", "endfor"], out var stop);
        IReadOnlyList<JinjaStatement> otherwise = [];
        if (stop == "else")
        {
            Expect(JinjaTokenKind.BlockEnd, "%}");
            otherwise = ParseBody(["endfor"], out _);
        }
        Expect(JinjaTokenKind.BlockEnd, "%}");
        return new JinjaForStatement(targets, iterable, filter, body, otherwise, start.Line, start.Column);
    }

    private JinjaSetStatement ParseSet(JinjaToken start)
    {
        string name = ExpectName();
        string? attribute = null;
        if (Current.IsOperator(".")) { Advance(); attribute = ExpectName(); }
        if (Current.IsOperator(","))
            throw Error("tuple assignment in 'set' is not supported", Current);
        if (Current.IsOperator("="))
        {
            Advance();
            var value = ParseExpression();
            Expect(JinjaTokenKind.BlockEnd, "%}");
            return new JinjaSetStatement(name, attribute, value, [], start.Line, start.Column);
        }
        if (attribute is not null) throw Error("expected '=' after a namespace attribute in 'set'", Current);
        Expect(JinjaTokenKind.BlockEnd, "%}");
        var body = ParseBody(["endset"], out _);
        Expect(JinjaTokenKind.BlockEnd, "%}");
        return new JinjaSetStatement(name, null, null, body, start.Line, start.Column);
    }

    private JinjaBlockStatement ParseGeneration(JinjaToken start)
    {
        Expect(JinjaTokenKind.BlockEnd, "%}");
        var body = ParseBody(["endgeneration"], out _);
        Expect(JinjaTokenKind.BlockEnd, "%}");
        return new JinjaBlockStatement(body, start.Line, start.Column);
    }

    private string ExpectName()
    {
        var token = Current;
        if (token.Kind != JinjaTokenKind.Name) throw Error($"expected a name, got {token}", token);
        Advance();
        return token.Value;
    }

    private JinjaToken Expect(JinjaTokenKind kind, string text)
    {
        var token = Current;
        if (token.Kind != kind) throw Error($"expected '{text}', got {token}", token);
        return Advance();
    }

    private DepthGuard Nest(JinjaToken at)
    {
        if (++_depth > MaxDepth) throw Error($"the template nests deeper than {MaxDepth} levels", at);
        return new DepthGuard(this);
    }

    private static ChatTemplateException Error(string message, JinjaToken at) => new(message, at.Line, at.Column);

    private readonly struct DepthGuard(JinjaParser parser) : IDisposable
    {
        public void Dispose() => parser._depth--;
    }
}
