namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// The object <c>namespace(a=1, ...)</c> returns: attributes that <c>{% set ns.a = ... %}</c> can change from inside loops,
/// where a plain <c>set</c> would only bind a loop-local name.
/// </summary>
internal sealed class JinjaNamespace
{
    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
}
