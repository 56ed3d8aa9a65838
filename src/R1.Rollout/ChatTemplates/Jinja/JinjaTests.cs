using System.Collections;

namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// The tests of <c>x is name</c>, with Jinja2's meanings: <c>defined</c>, <c>undefined</c>, <c>none</c>, <c>string</c>,
/// <c>number</c>, <c>integer</c>, <c>float</c>, <c>boolean</c>, <c>true</c>, <c>false</c>, <c>mapping</c>, <c>iterable</c>,
/// <c>sequence</c>, <c>callable</c>, <c>lower</c>, <c>upper</c>, <c>odd</c>, <c>even</c>, <c>divisibleby</c>, <c>in</c>,
/// <c>sameas</c> and the comparisons <c>eq</c>/<c>equalto</c>/<c>==</c>, <c>ne</c>/<c>!=</c>, <c>lt</c>/<c>&lt;</c>,
/// <c>le</c>/<c>&lt;=</c>, <c>gt</c>/<c>&gt;</c>, <c>ge</c>/<c>&gt;=</c>.
/// </summary>
internal static class JinjaTests
{
    private static readonly Dictionary<string, Func<object?, JinjaArguments, bool>> All = new(StringComparer.Ordinal)
    {
        ["defined"] = (v, _) => v is not JinjaUndefined,
        ["undefined"] = (v, _) => v is JinjaUndefined,
        ["none"] = (v, _) => v is null,
        ["string"] = (v, _) => v is string,
        ["number"] = (v, _) => JinjaValues.IsNumber(v),
        ["integer"] = (v, _) => v is long,
        ["float"] = (v, _) => v is double,
        ["boolean"] = (v, _) => v is bool,
        ["true"] = (v, _) => v is true,
        ["false"] = (v, _) => v is false,
        ["mapping"] = (v, _) => v is IDictionary<string, object?>,
        ["iterable"] = (v, _) => v is string or IList or IDictionary<string, object?> or JinjaUndefined,
        ["sequence"] = (v, _) => v is string or IList or IDictionary<string, object?> or JinjaUndefined,
        ["callable"] = (v, _) => v is JinjaFunction,
        ["lower"] = (v, _) => v is string s && s == s.ToLowerInvariant(),
        ["upper"] = (v, _) => v is string s && s == s.ToUpperInvariant(),
        ["odd"] = (v, _) => JinjaValues.ToLong(v) % 2 != 0,
        ["even"] = (v, _) => JinjaValues.ToLong(v) % 2 == 0,
        ["divisibleby"] = (v, a) => JinjaValues.ToLong(a.Get(0, "num", 1L)) is var n && n != 0
            ? JinjaValues.ToLong(v) % n == 0 : throw new JinjaError("divisibleby: division by zero"),
        ["in"] = (v, a) => JinjaOperators.Contains(a.Get(0, "seq"), v),
        ["sameas"] = (v, a) => ReferenceEquals(v, a.Get(0, "other")) || (v is null && a.Get(0, "other") is null)
            || (v is bool b && a.Get(0, "other") is bool c && b == c),
        ["eq"] = (v, a) => JinjaValues.AreEqual(v, a.Get(0, "other")),
        ["ne"] = (v, a) => !JinjaValues.AreEqual(v, a.Get(0, "other")),
        ["lt"] = (v, a) => JinjaValues.Compare(v, a.Get(0, "other")) < 0,
        ["le"] = (v, a) => JinjaValues.Compare(v, a.Get(0, "other")) <= 0,
        ["gt"] = (v, a) => JinjaValues.Compare(v, a.Get(0, "other")) > 0,
        ["ge"] = (v, a) => JinjaValues.Compare(v, a.Get(0, "other")) >= 0,
    };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["equalto"] = "eq", ["=="] = "eq", ["!="] = "ne", ["<"] = "lt", ["<="] = "le", [">"] = "gt", [">="] = "ge",
        ["lessthan"] = "lt", ["greaterthan"] = "gt",
    };

    public static bool Exists(string name) => All.ContainsKey(name) || Aliases.ContainsKey(name);

    public static bool Run(string name, object? value, JinjaArguments arguments)
    {
        var test = All.GetValueOrDefault(Aliases.GetValueOrDefault(name, name)) ?? throw new JinjaError($"no test named '{name}'");
        return test(value, arguments);
    }
}
