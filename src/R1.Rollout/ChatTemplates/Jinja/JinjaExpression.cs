namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>An expression of the template AST, with its 1-based position in the source.</summary>
internal abstract record JinjaExpression(int Line, int Column);

/// <summary>A literal: string, integer, float, boolean or none.</summary>
internal sealed record JinjaLiteral(object? Value, int Line, int Column) : JinjaExpression(Line, Column);

/// <summary>A variable reference.</summary>
internal sealed record JinjaName(string Name, int Line, int Column) : JinjaExpression(Line, Column);

/// <summary><c>[a, b]</c>, or a tuple <c>(a, b)</c> when <see cref="IsTuple"/>.</summary>
internal sealed record JinjaListLiteral(IReadOnlyList<JinjaExpression> Items, int Line, int Column, bool IsTuple = false)
    : JinjaExpression(Line, Column);

/// <summary><c>{key: value, ...}</c>.</summary>
internal sealed record JinjaDictLiteral(IReadOnlyList<(JinjaExpression Key, JinjaExpression Value)> Items, int Line, int Column)
    : JinjaExpression(Line, Column);

/// <summary><c>obj.name</c>: attribute first, then item (Jinja2's <c>getattr</c>).</summary>
internal sealed record JinjaGetAttr(JinjaExpression Target, string Name, int Line, int Column) : JinjaExpression(Line, Column);

/// <summary><c>obj[key]</c>: item first, then attribute (Jinja2's <c>getitem</c>).</summary>
internal sealed record JinjaGetItem(JinjaExpression Target, JinjaExpression Key, int Line, int Column) : JinjaExpression(Line, Column);

/// <summary><c>obj[start:stop:step]</c>, each part optional.</summary>
internal sealed record JinjaSlice(JinjaExpression Target, JinjaExpression? Start, JinjaExpression? Stop, JinjaExpression? Step, int Line, int Column)
    : JinjaExpression(Line, Column);

/// <summary>Positional and keyword arguments of a call, filter or test.</summary>
internal sealed record JinjaCallArguments(IReadOnlyList<JinjaExpression> Positional, IReadOnlyList<(string Name, JinjaExpression Value)> Named)
{
    public static JinjaCallArguments None { get; } = new([], []);
}

/// <summary><c>callee(args)</c>.</summary>
internal sealed record JinjaCall(JinjaExpression Callee, JinjaCallArguments Arguments, int Line, int Column) : JinjaExpression(Line, Column);

/// <summary><c>value | name(args)</c>.</summary>
internal sealed record JinjaFilter(JinjaExpression Value, string Name, JinjaCallArguments Arguments, int Line, int Column)
    : JinjaExpression(Line, Column);

/// <summary><c>value is [not] name(args)</c>.</summary>
internal sealed record JinjaTest(JinjaExpression Value, string Name, bool Negated, JinjaCallArguments Arguments, int Line, int Column)
    : JinjaExpression(Line, Column);

/// <summary>A binary operator: arithmetic, <c>~</c>, <c>and</c>, <c>or</c>.</summary>
internal sealed record JinjaBinary(string Operator, JinjaExpression Left, JinjaExpression Right, int Line, int Column)
    : JinjaExpression(Line, Column);

/// <summary>A comparison chain <c>a op1 b op2 c</c> (operators <c>== != &lt; &lt;= &gt; &gt;= in notin</c>).</summary>
internal sealed record JinjaCompare(JinjaExpression First, IReadOnlyList<(string Operator, JinjaExpression Operand)> Rest, int Line, int Column)
    : JinjaExpression(Line, Column);

/// <summary><c>not x</c>, <c>-x</c> or <c>+x</c>.</summary>
internal sealed record JinjaUnary(string Operator, JinjaExpression Operand, int Line, int Column) : JinjaExpression(Line, Column);

/// <summary><c>then if condition else otherwise</c> (<c>else</c> optional: undefined).</summary>
internal sealed record JinjaConditional(JinjaExpression Condition, JinjaExpression Then, JinjaExpression? Otherwise, int Line, int Column)
    : JinjaExpression(Line, Column);
