using System.Globalization;

namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// Expression parsing with Jinja2's precedence, loosest first: conditional <c>a if c else b</c>, <c>or</c>, <c>and</c>,
/// <c>not</c>, comparisons (<c>== != &lt; &lt;= &gt; &gt;= in not in</c>, chained), <c>+ -</c>, <c>~</c>, <c>* / // %</c>,
/// <c>**</c>, unary <c>- +</c>, then a primary with its postfixes (<c>.attr</c>, <c>[key]</c>, <c>[a:b:c]</c>, calls) and its
/// filters and tests (<c>| name(args)</c>, <c>is [not] name</c>), which bind tighter than any operator.
/// </summary>
internal sealed partial class JinjaParser
{
    /// <summary>Longest operator, postfix or filter chain accepted (each link is one level of evaluation).</summary>
    public const int MaxChain = 1000;

    private static readonly HashSet<string> CompareOperators = ["==", "!=", "<", "<=", ">", ">="];

    private JinjaExpression ParseExpression(bool allowConditional = true)
    {
        using var _ = Nest(Current);
        var value = ParseOr();
        while (allowConditional && Current.IsName("if"))
        {
            var at = Advance();
            var condition = ParseOr();
            JinjaExpression? otherwise = null;
            if (Current.IsName("else")) { Advance(); otherwise = ParseExpression(); }
            value = new JinjaConditional(condition, value, otherwise, at.Line, at.Column);
        }
        return value;
    }

    private JinjaExpression ParseOr() => ParseLeftAssociative(ParseAnd, t => t.IsName("or"));

    private JinjaExpression ParseAnd() => ParseLeftAssociative(ParseNot, t => t.IsName("and"));

    private JinjaExpression ParseNot()
    {
        if (!Current.IsName("not")) return ParseCompare();
        var at = Advance();
        using var _ = Nest(at);
        return new JinjaUnary("not", ParseNot(), at.Line, at.Column);
    }

    private JinjaExpression ParseCompare()
    {
        var first = ParseMath1();
        var rest = new List<(string, JinjaExpression)>();
        while (true)
        {
            if (Current.Kind == JinjaTokenKind.Operator && CompareOperators.Contains(Current.Value)) rest.Add((Advance().Value, ParseMath1()));
            else if (Current.IsName("in")) { Advance(); rest.Add(("in", ParseMath1())); }
            else if (Current.IsName("not") && Peek().IsName("in")) { _index += 2; rest.Add(("notin", ParseMath1())); }
            else break;
        }
        return rest.Count == 0 ? first : new JinjaCompare(first, rest, first.Line, first.Column);
    }

    private JinjaExpression ParseMath1() => ParseLeftAssociative(ParseConcat, t => t.IsOperator("+") || t.IsOperator("-"));

    private JinjaExpression ParseConcat() => ParseLeftAssociative(ParseMath2, t => t.IsOperator("~"));

    private JinjaExpression ParseMath2() =>
        ParseLeftAssociative(ParsePow, t => t.IsOperator("*") || t.IsOperator("/") || t.IsOperator("//") || t.IsOperator("%"));

    private JinjaExpression ParsePow() => ParseLeftAssociative(() => ParseUnary(withFilters: true), t => t.IsOperator("**"));

    private JinjaExpression ParseLeftAssociative(Func<JinjaExpression> operand, Func<JinjaToken, bool> isOperator)
    {
        var left = operand();
        for (int length = 0; isOperator(Current); length++)
        {
            var op = Advance();
            if (length >= MaxChain) throw Error($"an operator chain is longer than {MaxChain} terms", op);
            left = new JinjaBinary(op.Value, left, operand(), op.Line, op.Column);
        }
        return left;
    }

    private JinjaExpression ParseUnary(bool withFilters)
    {
        JinjaExpression value;
        if (Current.IsOperator("-") || Current.IsOperator("+"))
        {
            var op = Advance();
            using var _ = Nest(op);
            value = new JinjaUnary(op.Value, ParseUnary(withFilters: false), op.Line, op.Column);
        }
        else value = ParsePostfix(ParsePrimary());
        return withFilters ? ParseFiltersAndTests(value) : value;
    }

    private JinjaExpression ParsePrimary()
    {
        var token = Advance();
        switch (token.Kind)
        {
            case JinjaTokenKind.Name:
                return token.Value switch
                {
                    "true" or "True" => new JinjaLiteral(true, token.Line, token.Column),
                    "false" or "False" => new JinjaLiteral(false, token.Line, token.Column),
                    "none" or "None" => new JinjaLiteral(null, token.Line, token.Column),
                    _ => new JinjaName(token.Value, token.Line, token.Column),
                };
            case JinjaTokenKind.String:
                string text = token.Value;
                while (Current.Kind == JinjaTokenKind.String) text += Advance().Value;
                return new JinjaLiteral(text, token.Line, token.Column);
            case JinjaTokenKind.Integer:
                return long.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long n)
                    ? new JinjaLiteral(n, token.Line, token.Column)
                    : throw Error($"the integer {token.Value} is too large", token);
            case JinjaTokenKind.Float:
                return new JinjaLiteral(double.Parse(token.Value, CultureInfo.InvariantCulture), token.Line, token.Column);
            case JinjaTokenKind.Operator when token.Value == "(":
                return ParseParenthesized(token);
            case JinjaTokenKind.Operator when token.Value == "[":
                return new JinjaListLiteral(ParseSequence("]"), token.Line, token.Column);
            case JinjaTokenKind.Operator when token.Value == "{":
                return ParseDict(token);
            default:
                throw Error($"expected a value, got {token}", token);
        }
    }

    private JinjaExpression ParseParenthesized(JinjaToken open)
    {
        if (Current.IsOperator(")")) { Advance(); return new JinjaListLiteral([], open.Line, open.Column, IsTuple: true); }
        var first = ParseExpression();
        if (Current.IsOperator(")")) { Advance(); return first; }
        var items = new List<JinjaExpression> { first };
        while (Current.IsOperator(","))
        {
            Advance();
            if (Current.IsOperator(")")) break;
            items.Add(ParseExpression());
        }
        ExpectOperator(")");
        return new JinjaListLiteral(items, open.Line, open.Column, IsTuple: true);
    }

    private List<JinjaExpression> ParseSequence(string close)
    {
        var items = new List<JinjaExpression>();
        while (!Current.IsOperator(close))
        {
            items.Add(ParseExpression());
            if (!Current.IsOperator(",")) break;
            Advance();
        }
        ExpectOperator(close);
        return items;
    }

    private JinjaDictLiteral ParseDict(JinjaToken open)
    {
        var items = new List<(JinjaExpression, JinjaExpression)>();
        while (!Current.IsOperator("}"))
        {
            var key = ParseExpression();
            ExpectOperator(":");
            items.Add((key, ParseExpression()));
            if (!Current.IsOperator(",")) break;
            Advance();
        }
        ExpectOperator("}");
        return new JinjaDictLiteral(items, open.Line, open.Column);
    }

    private JinjaExpression ParsePostfix(JinjaExpression value)
    {
        for (int length = 0; ; length++)
        {
            var token = Current;
            if (length > MaxChain) throw Error($"a chain of attributes, subscripts and calls is longer than {MaxChain}", token);
            if (token.IsOperator("."))
            {
                Advance();
                var name = Advance();
                value = name.Kind switch
                {
                    JinjaTokenKind.Name => new JinjaGetAttr(value, name.Value, token.Line, token.Column),
                    JinjaTokenKind.Integer => new JinjaGetItem(value, new JinjaLiteral(long.Parse(name.Value, CultureInfo.InvariantCulture),
                        name.Line, name.Column), token.Line, token.Column),
                    _ => throw Error($"expected an attribute name after '.', got {name}", name),
                };
            }
            else if (token.IsOperator("[")) { Advance(); value = ParseSubscript(value, token); }
            else if (token.IsOperator("(")) { Advance(); value = new JinjaCall(value, ParseArguments(), token.Line, token.Column); }
            else return value;
        }
    }

    private JinjaExpression ParseSubscript(JinjaExpression target, JinjaToken open)
    {
        JinjaExpression? start = Current.IsOperator(":") ? null : ParseExpression();
        if (Current.IsOperator("]"))
        {
            Advance();
            return new JinjaGetItem(target, start ?? throw Error("empty subscript '[]'", open), open.Line, open.Column);
        }
        ExpectOperator(":");
        JinjaExpression? stop = Current.IsOperator(":") || Current.IsOperator("]") ? null : ParseExpression();
        JinjaExpression? step = null;
        if (Current.IsOperator(":"))
        {
            Advance();
            if (!Current.IsOperator("]")) step = ParseExpression();
        }
        ExpectOperator("]");
        return new JinjaSlice(target, start, stop, step, open.Line, open.Column);
    }

    // After '(': positional arguments, then name=value arguments, up to ')'.
    private JinjaCallArguments ParseArguments()
    {
        var positional = new List<JinjaExpression>();
        var named = new List<(string, JinjaExpression)>();
        while (!Current.IsOperator(")"))
        {
            if (Current.Kind == JinjaTokenKind.Name && Peek().IsOperator("="))
            {
                string name = Advance().Value;
                Advance();
                named.Add((name, ParseExpression()));
            }
            else if (named.Count > 0) throw Error("a positional argument follows a keyword argument", Current);
            else positional.Add(ParseExpression());
            if (!Current.IsOperator(",")) break;
            Advance();
        }
        ExpectOperator(")");
        return new JinjaCallArguments(positional, named);
    }

    private JinjaExpression ParseFiltersAndTests(JinjaExpression value)
    {
        for (int length = 0; ; length++)
        {
            if (length > MaxChain) throw Error($"a chain of filters and tests is longer than {MaxChain}", Current);
            if (Current.IsOperator("|")) value = ParseFilter(value);
            else if (Current.IsName("is")) value = ParseTest(value);
            else return value;
        }
    }

    private JinjaFilter ParseFilter(JinjaExpression value)
    {
        var bar = Advance();
        var name = Current;
        string filter = ExpectName();
        if (!JinjaFilters.Exists(filter)) throw Error($"no filter named '{filter}'", name);
        var args = Current.IsOperator("(") ? ParseArgumentsAfterParen() : JinjaCallArguments.None;
        return new JinjaFilter(value, filter, args, bar.Line, bar.Column);
    }

    private JinjaTest ParseTest(JinjaExpression value)
    {
        var at = Advance();
        bool negated = false;
        if (Current.IsName("not")) { Advance(); negated = true; }
        var name = Current;
        string test = ExpectName();
        if (!JinjaTests.Exists(test)) throw Error($"no test named '{test}'", name);
        JinjaCallArguments args = JinjaCallArguments.None;
        if (Current.IsOperator("(")) args = ParseArgumentsAfterParen();
        else if (StartsBareTestArgument(Current)) args = new JinjaCallArguments([ParsePostfix(ParsePrimary())], []);
        return new JinjaTest(value, test, negated, args, at.Line, at.Column);
    }

    // Jinja2 accepts one argument without parentheses: 'x is divisibleby 3', 'x is equalto "a"'.
    private static bool StartsBareTestArgument(JinjaToken t) =>
        t.Kind is JinjaTokenKind.String or JinjaTokenKind.Integer or JinjaTokenKind.Float
        || (t.Kind == JinjaTokenKind.Name && t.Value is not ("else" or "or" or "and" or "if" or "in" or "not" or "is"))
        || t.IsOperator("[") || t.IsOperator("{");

    private JinjaCallArguments ParseArgumentsAfterParen()
    {
        Advance();
        return ParseArguments();
    }

    private void ExpectOperator(string op)
    {
        if (!Current.IsOperator(op)) throw Error($"expected '{op}', got {Current}", Current);
        Advance();
    }
}
