using System.Collections;
using System.Globalization;

namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// The filters of <c>value | name(args)</c>, with Jinja2's meanings: <c>trim</c>, <c>tojson</c> (transformers' version),
/// <c>length</c>/<c>count</c>, <c>upper</c>, <c>lower</c>, <c>title</c>, <c>capitalize</c>, <c>default</c>/<c>d</c>,
/// <c>join</c>, <c>first</c>, <c>last</c>, <c>replace</c>, <c>list</c>, <c>items</c>, <c>select</c>, <c>reject</c>,
/// <c>selectattr</c>, <c>rejectattr</c>, <c>map</c>, <c>string</c>, <c>int</c>, <c>float</c>, <c>abs</c>, <c>reverse</c>,
/// <c>sort</c>, <c>unique</c>, <c>min</c>, <c>max</c>, <c>sum</c> and <c>safe</c>. An unknown filter is a parse error.
/// </summary>
internal static class JinjaFilters
{
    private static readonly Dictionary<string, Func<object?, JinjaArguments, object?>> All = new(StringComparer.Ordinal)
    {
        ["trim"] = (v, a) => JinjaMethods.Strip(JinjaValues.ToStr(v), a.Get(0, "chars"), start: true, end: true),
        ["tojson"] = ToJson,
        ["length"] = (v, _) => JinjaValues.Length(v),
        ["count"] = (v, _) => JinjaValues.Length(v),
        ["upper"] = (v, _) => JinjaValues.ToStr(v).ToUpperInvariant(),
        ["lower"] = (v, _) => JinjaValues.ToStr(v).ToLowerInvariant(),
        ["title"] = (v, _) => JinjaMethods.PythonTitle(JinjaValues.ToStr(v)),
        ["capitalize"] = (v, _) => JinjaValues.ToStr(v) is var s && s.Length > 0 ? char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant() : "",
        ["default"] = Default,
        ["d"] = Default,
        ["join"] = Join,
        ["first"] = (v, _) => JinjaValues.Iterate(v) is { Count: > 0 } items ? items[0] : JinjaUndefined.Variable("first"),
        ["last"] = (v, _) => JinjaValues.Iterate(v) is { Count: > 0 } items ? items[^1] : JinjaUndefined.Variable("last"),
        ["replace"] = (v, a) => JinjaMethods.ReplaceCount(JinjaValues.ToStr(v), JinjaMethods.Text(a.Get(0, "old"), "replace"),
            JinjaMethods.Text(a.Get(1, "new"), "replace"), a.Get(2, "count") is { } c ? JinjaValues.ToLong(c) : -1),
        ["list"] = (v, _) => JinjaValues.Iterate(v).ToList(),
        ["items"] = (v, _) => v is JinjaUndefined ? new List<object?>()
            : v is IDictionary<string, object?> d ? JinjaMethods.Items(d)
            : throw new JinjaError($"items: expected a mapping, got '{JinjaValues.TypeName(v)}'"),
        ["select"] = (v, a) => Select(v, a, keep: true, byAttribute: false),
        ["reject"] = (v, a) => Select(v, a, keep: false, byAttribute: false),
        ["selectattr"] = (v, a) => Select(v, a, keep: true, byAttribute: true),
        ["rejectattr"] = (v, a) => Select(v, a, keep: false, byAttribute: true),
        ["map"] = Map,
        ["string"] = (v, _) => JinjaValues.ToStr(v),
        ["safe"] = (v, _) => v,
        ["int"] = ToInt,
        ["float"] = (v, a) => v is string s && double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d
            : JinjaValues.IsNumber(v) ? JinjaValues.ToDouble(v) : a.Get(0, "default", 0.0),
        ["abs"] = (v, _) => v is double d ? Math.Abs(d) : (object)Math.Abs(JinjaValues.ToLong(v)),
        ["reverse"] = (v, _) => v is string s ? string.Concat(JinjaValues.Iterate(s).Reverse().Cast<string>())
            : JinjaValues.Iterate(v).Reverse().ToList(),
        ["sort"] = Sort,
        ["unique"] = (v, _) => JinjaValues.Iterate(v).Aggregate(new List<object?>(), (kept, x) =>
        {
            if (!kept.Any(k => JinjaValues.AreEqual(k, x))) kept.Add(x);
            return kept;
        }),
        ["min"] = (v, _) => Extreme(v, sign: -1),
        ["max"] = (v, _) => Extreme(v, sign: 1),
        ["sum"] = (v, a) => JinjaValues.Iterate(v).Aggregate(a.Get(1, "start", 0L), (sum, x) => JinjaOperators.Add(sum, x)),
    };

    public static bool Exists(string name) => All.ContainsKey(name);

    public static object? Apply(string name, object? value, JinjaArguments arguments) =>
        (All.GetValueOrDefault(name) ?? throw new JinjaError($"no filter named '{name}'"))(value, arguments);

    private static object? ToJson(object? v, JinjaArguments a)
    {
        a.Expect("tojson", 4, "ensure_ascii", "indent", "separators", "sort_keys");
        if (a.Get(0, "ensure_ascii", false) is true) throw new JinjaError("tojson: ensure_ascii=True is not supported");
        int? indent = a.Get(1, "indent") is { } i and not JinjaUndefined ? (int)JinjaValues.ToLong(i) : null;
        var separators = a.Get(2, "separators") as IList;
        if (separators is not null && separators.Count != 2) throw new JinjaError("tojson: separators must be a pair of strings");
        return JinjaJson.Serialize(v, indent, separators?[0] as string, separators?[1] as string, JinjaValues.IsTruthy(a.Get(3, "sort_keys")));
    }

    private static object? Default(object? v, JinjaArguments a)
    {
        bool boolean = JinjaValues.IsTruthy(a.Get(1, "boolean", false));
        return v is JinjaUndefined || (boolean && !JinjaValues.IsTruthy(v)) ? a.Get(0, "default_value", "") : v;
    }

    private static object? Join(object? v, JinjaArguments a)
    {
        string separator = JinjaValues.ToStr(a.Get(0, "d", ""));
        var items = JinjaValues.Iterate(v);
        if (a.Get(1, "attribute") is string attribute) items = items.Select(x => JinjaAccess.GetItem(x, attribute)).ToList();
        return string.Join(separator, items.Select(JinjaValues.ToStr));
    }

    private static List<object?> Select(object? v, JinjaArguments a, bool keep, bool byAttribute)
    {
        int first = byAttribute ? 1 : 0;
        string? attribute = byAttribute ? JinjaMethods.Text(a.Get(0, "attribute"), "selectattr") : null;
        string? test = a.Positional.Count > first ? JinjaMethods.Text(a.Positional[first], "select") : null;
        var rest = new JinjaArguments(a.Positional.Skip(first + 1).ToList(), new Dictionary<string, object?>());
        bool Passes(object? x)
        {
            var subject = attribute is null ? x : JinjaAccess.GetItem(x, attribute);
            return test is null ? JinjaValues.IsTruthy(subject) : JinjaTests.Run(test, subject, rest);
        }
        return JinjaValues.Iterate(v).Where(x => Passes(x) == keep).ToList();
    }

    private static List<object?> Map(object? v, JinjaArguments a)
    {
        var items = JinjaValues.Iterate(v);
        if (a.Named.TryGetValue("attribute", out var attribute))
        {
            string name = JinjaMethods.Text(attribute, "map");
            var fallback = a.Named.GetValueOrDefault("default", JinjaUndefined.Variable(name));
            return items.Select(x => JinjaAccess.GetItem(x, name) is JinjaUndefined ? fallback : JinjaAccess.GetItem(x, name)).ToList();
        }
        if (a.Positional.Count == 0) throw new JinjaError("map: expected a filter name or attribute=");
        string filter = JinjaMethods.Text(a.Positional[0], "map");
        var rest = new JinjaArguments(a.Positional.Skip(1).ToList(), a.Named);
        return items.Select(x => Apply(filter, x, rest)).ToList();
    }

    private static object? ToInt(object? v, JinjaArguments a)
    {
        if (v is long or bool) return JinjaValues.ToLong(v);
        if (v is double d) return (long)Math.Truncate(d);
        if (v is string s && long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)) return n;
        if (v is string f && double.TryParse(f.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double x)) return (long)Math.Truncate(x);
        return a.Get(0, "default", 0L);
    }

    private static List<object?> Sort(object? v, JinjaArguments a)
    {
        bool reverse = JinjaValues.IsTruthy(a.Get(0, "reverse", false));
        bool caseSensitive = JinjaValues.IsTruthy(a.Get(1, "case_sensitive", false));
        string? attribute = a.Get(2, "attribute") as string;
        object? Key(object? x)
        {
            var k = attribute is null ? x : JinjaAccess.GetItem(x, attribute);
            return !caseSensitive && k is string s ? s.ToLowerInvariant() : k;
        }
        var sorted = JinjaValues.Iterate(v).Select((x, i) => (x, i)).ToList();
        sorted.Sort((p, q) => JinjaValues.Compare(Key(p.x), Key(q.x)) is var c && c != 0 ? (reverse ? -c : c) : p.i.CompareTo(q.i));
        return sorted.Select(p => p.x).ToList();
    }

    private static object? Extreme(object? v, int sign)
    {
        var items = JinjaValues.Iterate(v);
        if (items.Count == 0) return JinjaUndefined.Variable(sign > 0 ? "max" : "min");
        return items.Aggregate((best, x) => JinjaValues.Compare(x, best) * sign > 0 ? x : best);
    }
}
