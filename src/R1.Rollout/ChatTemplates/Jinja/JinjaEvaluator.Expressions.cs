namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// Expression evaluation: Python semantics from <see cref="JinjaValues"/>, <see cref="JinjaOperators"/> and
/// <see cref="JinjaAccess"/>.
/// </summary>
internal sealed partial class JinjaEvaluator
{
    private object? Evaluate(JinjaExpression expression, JinjaScope scope)
    {
        try { return EvaluateCore(expression, scope); }
        catch (JinjaError e)
        {
            throw new ChatTemplateException(e.Message, expression.Line, expression.Column) { RaisedByTemplate = e.RaisedByTemplate };
        }
    }

    private object? EvaluateCore(JinjaExpression expression, JinjaScope scope) => expression switch
    {
        JinjaLiteral literal => literal.Value,
        JinjaName name => scope.Lookup(name.Name),
        JinjaListLiteral { IsTuple: true } tuple => tuple.Items.Select(item => Evaluate(item, scope)).ToArray(),
        JinjaListLiteral list => list.Items.Select(item => Evaluate(item, scope)).ToList(),
        JinjaDictLiteral dict => EvaluateDict(dict, scope),
        JinjaGetAttr attr => JinjaAccess.GetAttribute(Evaluate(attr.Target, scope), attr.Name),
        JinjaGetItem item => JinjaAccess.GetItem(Evaluate(item.Target, scope), Evaluate(item.Key, scope)),
        JinjaSlice slice => JinjaAccess.Slice(Evaluate(slice.Target, scope), Optional(slice.Start, scope), Optional(slice.Stop, scope),
            Optional(slice.Step, scope)),
        JinjaCall call => EvaluateCall(call, scope),
        JinjaFilter filter => JinjaFilters.Apply(filter.Name, Evaluate(filter.Value, scope), Arguments(filter.Arguments, scope)),
        JinjaTest test => JinjaTests.Run(test.Name, Evaluate(test.Value, scope), Arguments(test.Arguments, scope)) != test.Negated,
        JinjaBinary binary => EvaluateBinary(binary, scope),
        JinjaCompare compare => EvaluateCompare(compare, scope),
        JinjaUnary unary => EvaluateUnary(unary, scope),
        JinjaConditional conditional => JinjaValues.IsTruthy(Evaluate(conditional.Condition, scope))
            ? Evaluate(conditional.Then, scope)
            : conditional.Otherwise is { } otherwise ? Evaluate(otherwise, scope) : JinjaUndefined.Variable("else"),
        _ => throw new JinjaError($"unsupported expression {expression.GetType().Name}"),
    };

    private object? Optional(JinjaExpression? expression, JinjaScope scope) => expression is null ? null : Evaluate(expression, scope);

    private Dictionary<string, object?> EvaluateDict(JinjaDictLiteral dict, JinjaScope scope)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (keyExpression, valueExpression) in dict.Items)
        {
            var key = Evaluate(keyExpression, scope);
            if (key is not string k) throw new JinjaError($"dict keys must be strings in this engine, got '{JinjaValues.TypeName(key)}'");
            result[k] = Evaluate(valueExpression, scope);
        }
        return result;
    }

    private object? EvaluateCall(JinjaCall call, JinjaScope scope)
    {
        var callee = Evaluate(call.Callee, scope);
        var arguments = Arguments(call.Arguments, scope);
        return callee switch
        {
            JinjaFunction function => function.Invoke(arguments),
            JinjaUndefined undefined => throw undefined.Fail(),
            _ => throw new JinjaError($"'{JinjaValues.TypeName(callee)}' object is not callable"),
        };
    }

    private JinjaArguments Arguments(JinjaCallArguments arguments, JinjaScope scope)
    {
        if (arguments.Positional.Count == 0 && arguments.Named.Count == 0) return JinjaArguments.Empty;
        var positional = arguments.Positional.Select(a => Evaluate(a, scope)).ToList();
        var named = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in arguments.Named)
        {
            if (named.ContainsKey(name)) throw new JinjaError($"keyword argument '{name}' repeated");
            named[name] = Evaluate(value, scope);
        }
        return new JinjaArguments(positional, named);
    }

    private object? EvaluateBinary(JinjaBinary binary, JinjaScope scope)
    {
        var left = Evaluate(binary.Left, scope);
        return binary.Operator switch
        {
            "and" => JinjaValues.IsTruthy(left) ? Evaluate(binary.Right, scope) : left,
            "or" => JinjaValues.IsTruthy(left) ? left : Evaluate(binary.Right, scope),
            _ => JinjaOperators.Binary(binary.Operator, left, Evaluate(binary.Right, scope)),
        };
    }

    private bool EvaluateCompare(JinjaCompare compare, JinjaScope scope)
    {
        var left = Evaluate(compare.First, scope);
        foreach (var (op, operand) in compare.Rest)
        {
            var right = Evaluate(operand, scope);
            bool holds = op switch
            {
                "==" => JinjaValues.AreEqual(left, right),
                "!=" => !JinjaValues.AreEqual(left, right),
                "<" => JinjaValues.Compare(left, right) < 0,
                "<=" => JinjaValues.Compare(left, right) <= 0,
                ">" => JinjaValues.Compare(left, right) > 0,
                ">=" => JinjaValues.Compare(left, right) >= 0,
                "in" => JinjaOperators.Contains(right, left),
                "notin" => !JinjaOperators.Contains(right, left),
                _ => throw new JinjaError($"unknown comparison '{op}'"),
            };
            if (!holds) return false;
            left = right;
        }
        return true;
    }

    private object? EvaluateUnary(JinjaUnary unary, JinjaScope scope)
    {
        var value = Evaluate(unary.Operand, scope);
        return unary.Operator switch
        {
            "not" => !JinjaValues.IsTruthy(value),
            "-" => JinjaOperators.Negate(value),
            "+" => JinjaValues.IsNumber(value) ? value : throw new JinjaError($"bad operand type for unary +: '{JinjaValues.TypeName(value)}'"),
            _ => throw new JinjaError($"unknown operator '{unary.Operator}'"),
        };
    }
}
