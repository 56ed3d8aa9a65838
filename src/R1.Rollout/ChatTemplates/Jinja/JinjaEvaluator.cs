using System.Text;

namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// Runs a parsed template against a context and writes its output. Errors carry the line and column of the statement or
/// expression that failed. Bounded: at most <see cref="MaxSteps"/> statements and loop iterations, and
/// <see cref="MaxOutputChars"/> characters of output, so a hostile template ends with an error instead of running on.
/// Expressions are in <c>JinjaEvaluator.Expressions.cs</c>.
/// </summary>
internal sealed partial class JinjaEvaluator
{
    /// <summary>Most statements plus loop iterations one render may run.</summary>
    public const long MaxSteps = 5_000_000;

    /// <summary>Most characters one render may produce.</summary>
    public const int MaxOutputChars = 1 << 24;

    private readonly StringBuilder _output = new();
    private long _steps;

    private enum Flow { Normal, Break, Continue }

    public static string Render(IReadOnlyList<JinjaStatement> template, IReadOnlyDictionary<string, object?> context)
    {
        var globals = new JinjaScope(null);
        foreach (var (name, value) in JinjaGlobals.All) globals.Set(name, value);
        var root = new JinjaScope(globals);
        foreach (var (name, value) in context) root.Set(name, value);
        var evaluator = new JinjaEvaluator();
        evaluator.Execute(template, root, inLoop: false);
        return evaluator._output.ToString();
    }

    private Flow Execute(IReadOnlyList<JinjaStatement> body, JinjaScope scope, bool inLoop)
    {
        foreach (var statement in body)
        {
            var flow = Execute(statement, scope, inLoop);
            if (flow != Flow.Normal) return flow;
        }
        return Flow.Normal;
    }

    private Flow Execute(JinjaStatement statement, JinjaScope scope, bool inLoop)
    {
        Step(statement);
        switch (statement)
        {
            case JinjaTextStatement text: Write(text.Text, statement); return Flow.Normal;
            case JinjaOutputStatement output: Write(JinjaValues.ToStr(Evaluate(output.Value, scope)), statement); return Flow.Normal;
            case JinjaIfStatement branch: return ExecuteIf(branch, scope, inLoop);
            case JinjaForStatement loop: ExecuteFor(loop, scope); return Flow.Normal;
            case JinjaSetStatement set: ExecuteSet(set, scope, inLoop); return Flow.Normal;
            case JinjaBlockStatement block: return Execute(block.Body, scope, inLoop);
            case JinjaLoopControlStatement control:
                if (!inLoop)
                    throw new ChatTemplateException($"'{(control.IsBreak ? "break" : "continue")}' outside a loop", control.Line, control.Column);
                return control.IsBreak ? Flow.Break : Flow.Continue;
            default: throw new ChatTemplateException($"unsupported statement {statement.GetType().Name}", statement.Line, statement.Column);
        }
    }

    private Flow ExecuteIf(JinjaIfStatement statement, JinjaScope scope, bool inLoop)
    {
        foreach (var (condition, body) in statement.Branches)
            if (JinjaValues.IsTruthy(Evaluate(condition, scope))) return Execute(body, scope, inLoop);
        return Execute(statement.Otherwise, scope, inLoop);
    }

    private void ExecuteFor(JinjaForStatement statement, JinjaScope scope)
    {
        var source = Guard(statement.Iterable, () => JinjaValues.Iterate(Evaluate(statement.Iterable, scope)));
        var items = statement.Filter is null ? source : source.Where(item => Passes(statement, item, scope)).ToList();
        var loop = new JinjaLoop(items);
        for (int i = 0; i < items.Count; i++)
        {
            Step(statement);
            var body = new JinjaScope(scope);
            Bind(statement, items[i], body);
            loop.Index0 = i;
            body.Set("loop", loop);
            if (Execute(statement.Body, body, inLoop: true) == Flow.Break) break;
        }
        if (items.Count == 0) Execute(statement.Otherwise, new JinjaScope(scope), inLoop: false);
    }

    private bool Passes(JinjaForStatement statement, object? item, JinjaScope scope)
    {
        Step(statement);
        var test = new JinjaScope(scope);
        Bind(statement, item, test);
        return JinjaValues.IsTruthy(Evaluate(statement.Filter!, test));
    }

    private static void Bind(JinjaForStatement statement, object? item, JinjaScope scope)
    {
        if (statement.Targets.Count == 1) { scope.Set(statement.Targets[0], item); return; }
        var parts = Guard(statement.Iterable, () => JinjaValues.Iterate(item));
        if (parts.Count != statement.Targets.Count)
            throw new ChatTemplateException(
                $"cannot unpack {parts.Count} values into {statement.Targets.Count} loop variables", statement.Line, statement.Column);
        for (int i = 0; i < parts.Count; i++) scope.Set(statement.Targets[i], parts[i]);
    }

    private void ExecuteSet(JinjaSetStatement statement, JinjaScope scope, bool inLoop)
    {
        object? value;
        if (statement.Value is { } expression) value = Evaluate(expression, scope);
        else
        {
            int mark = _output.Length;
            Execute(statement.Body, scope, inLoop);
            value = _output.ToString(mark, _output.Length - mark);
            _output.Length = mark;
        }
        if (statement.Attribute is null) { scope.Set(statement.Name, value); return; }
        if (scope.Lookup(statement.Name) is not JinjaNamespace ns)
            throw new ChatTemplateException(
                $"cannot assign attribute '{statement.Attribute}' on '{statement.Name}': it is not a namespace()", statement.Line, statement.Column);
        ns.Attributes[statement.Attribute] = value;
    }

    private void Write(string text, JinjaStatement at)
    {
        if (_output.Length + (long)text.Length > MaxOutputChars)
            throw new ChatTemplateException($"the output grows beyond {MaxOutputChars} characters", at.Line, at.Column);
        _output.Append(text);
    }

    private void Step(JinjaStatement at)
    {
        if (++_steps > MaxSteps)
            throw new ChatTemplateException($"the template runs more than {MaxSteps} steps", at.Line, at.Column);
    }

    private static T Guard<T>(JinjaExpression at, Func<T> body)
    {
        try { return body(); }
        catch (JinjaError e) { throw new ChatTemplateException(e.Message, at.Line, at.Column) { RaisedByTemplate = e.RaisedByTemplate }; }
    }
}
