namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>A statement of the template AST, with its 1-based position in the source.</summary>
internal abstract record JinjaStatement(int Line, int Column);

/// <summary>Literal text.</summary>
internal sealed record JinjaTextStatement(string Text, int Line, int Column) : JinjaStatement(Line, Column);

/// <summary><c>{{ expression }}</c>.</summary>
internal sealed record JinjaOutputStatement(JinjaExpression Value, int Line, int Column) : JinjaStatement(Line, Column);

/// <summary><c>{% if %}</c> with its <c>elif</c> branches and optional <c>else</c>.</summary>
internal sealed record JinjaIfStatement(
    IReadOnlyList<(JinjaExpression Condition, IReadOnlyList<JinjaStatement> Body)> Branches, IReadOnlyList<JinjaStatement> Otherwise,
    int Line, int Column) : JinjaStatement(Line, Column);

/// <summary><c>{% for a[, b] in iterable [if filter] %}</c> with an optional <c>else</c> (run when nothing was iterated).</summary>
internal sealed record JinjaForStatement(
    IReadOnlyList<string> Targets, JinjaExpression Iterable, JinjaExpression? Filter, IReadOnlyList<JinjaStatement> Body,
    IReadOnlyList<JinjaStatement> Otherwise, int Line, int Column) : JinjaStatement(Line, Column);

/// <summary>
/// <c>{% set name = value %}</c>, <c>{% set ns.attr = value %}</c> (<see cref="Attribute"/> set), or the block form
/// <c>{% set name %}body{% endset %}</c> (<see cref="Value"/> null, <see cref="Body"/> set).
/// </summary>
internal sealed record JinjaSetStatement(
    string Name, string? Attribute, JinjaExpression? Value, IReadOnlyList<JinjaStatement> Body, int Line, int Column)
    : JinjaStatement(Line, Column);

/// <summary><c>{% break %}</c> or <c>{% continue %}</c> (Jinja2's loopcontrols extension, which transformers enables).</summary>
internal sealed record JinjaLoopControlStatement(bool IsBreak, int Line, int Column) : JinjaStatement(Line, Column);

/// <summary><c>{% generation %}body{% endgeneration %}</c>: transformers' assistant-mask marker; renders its body.</summary>
internal sealed record JinjaBlockStatement(IReadOnlyList<JinjaStatement> Body, int Line, int Column) : JinjaStatement(Line, Column);
