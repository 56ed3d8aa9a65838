namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// Variable bindings. A <c>for</c> body runs in a child scope, so a plain <c>set</c> inside a loop does not leak out
/// (Jinja2's scoping); <c>if</c> bodies share their enclosing scope.
/// </summary>
internal sealed class JinjaScope(JinjaScope? parent)
{
    private readonly Dictionary<string, object?> _vars = new(StringComparer.Ordinal);

    public object? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
            if (scope._vars.TryGetValue(name, out var value)) return value;
        return JinjaUndefined.Variable(name);
    }

    public JinjaScope? Parent { get; } = parent;

    public void Set(string name, object? value) => _vars[name] = value;
}
