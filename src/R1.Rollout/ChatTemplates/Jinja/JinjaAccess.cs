using System.Collections;

namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// Jinja2's <c>obj.name</c> (attribute, that is a method, first; then the item) and <c>obj[key]</c> (item first; then the
/// attribute), and Python slices. A missing attribute or item is <see cref="JinjaUndefined"/>; reading through an undefined
/// value raises its error.
/// </summary>
internal static class JinjaAccess
{
    public static object? GetAttribute(object? target, string name)
    {
        if (target is JinjaUndefined u) throw u.Fail();
        if (JinjaMethods.TryBind(target, name) is { } method) return method;
        return TryMember(target, name, out var value) ? value : JinjaUndefined.Attribute(target, name);
    }

    public static object? GetItem(object? target, object? key)
    {
        if (target is JinjaUndefined u) throw u.Fail();
        switch (target)
        {
            case IDictionary<string, object?> d when key is string k && d.TryGetValue(k, out var value): return value;
            case IList list when key is long or bool:
                long i = JinjaValues.ToLong(key);
                if (i < 0) i += list.Count;
                return i >= 0 && i < list.Count ? list[(int)i] : JinjaUndefined.Attribute(target, JinjaValues.Repr(key));
            case string s when key is long or bool:
                var chars = JinjaValues.Iterate(s);
                long j = JinjaValues.ToLong(key);
                if (j < 0) j += chars.Count;
                return j >= 0 && j < chars.Count ? chars[(int)j] : JinjaUndefined.Attribute(target, JinjaValues.Repr(key));
        }
        if (key is string name)
            return JinjaMethods.TryBind(target, name) ?? (TryMember(target, name, out var member) ? member : JinjaUndefined.Attribute(target, name));
        return JinjaUndefined.Attribute(target, JinjaValues.Repr(key));
    }

    // Dict keys, namespace attributes and loop attributes.
    private static bool TryMember(object? target, string name, out object? value)
    {
        value = null;
        switch (target)
        {
            case IDictionary<string, object?> d: return d.TryGetValue(name, out value);
            case JinjaNamespace ns: return ns.Attributes.TryGetValue(name, out value);
            case JinjaLoop loop:
                value = loop.Get(name);
                return value is not JinjaUndefined;
            default: return false;
        }
    }

    /// <summary>Python's <c>target[start:stop:step]</c> on lists and strings.</summary>
    public static object? Slice(object? target, object? start, object? stop, object? step)
    {
        if (target is JinjaUndefined u) throw u.Fail();
        long by = step is null ? 1 : JinjaValues.ToLong(step);
        if (by == 0) throw new JinjaError("slice step cannot be zero");
        IReadOnlyList<object?> items = target switch
        {
            string s => JinjaValues.Iterate(s),
            IList list => list.Cast<object?>().ToList(),
            _ => throw new JinjaError($"'{JinjaValues.TypeName(target)}' object is not subscriptable"),
        };
        var picked = new List<object?>();
        foreach (int i in Indices(items.Count, start, stop, by)) picked.Add(items[i]);
        return target is string ? string.Concat(picked.Cast<string>()) : picked;
    }

    private static IEnumerable<int> Indices(int length, object? start, object? stop, long step)
    {
        long lo = Bound(start, length, step > 0 ? 0 : length - 1, step), hi = Bound(stop, length, step > 0 ? length : -1, step);
        if (step > 0) for (long i = lo; i < hi; i += step) yield return (int)i;
        else for (long i = lo; i > hi; i += step) yield return (int)i;
    }

    private static long Bound(object? value, int length, long fallback, long step)
    {
        if (value is null) return fallback;
        long v = JinjaValues.ToLong(value);
        if (v < 0) v += length;
        return step > 0 ? Math.Clamp(v, 0, length) : Math.Clamp(v, -1, length - 1);
    }
}
