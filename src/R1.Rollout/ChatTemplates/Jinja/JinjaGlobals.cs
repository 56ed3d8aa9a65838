namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// The functions every chat template sees: <c>namespace(...)</c>, <c>raise_exception(message)</c> (transformers' global,
/// raising a <see cref="ChatTemplateException"/>), <c>range(...)</c> (at most <see cref="MaxRange"/> items, as in Jinja2's
/// sandbox) and <c>dict(...)</c>.
/// </summary>
internal static class JinjaGlobals
{
    /// <summary>The longest range a template may build (Jinja2's sandbox limit).</summary>
    public const int MaxRange = 100_000;

    public static IReadOnlyDictionary<string, object?> All { get; } = new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["namespace"] = new JinjaFunction("namespace", Namespace),
        ["raise_exception"] = new JinjaFunction("raise_exception", a =>
            throw new JinjaError(JinjaValues.ToStr(a.Get(0, "message", "")), raisedByTemplate: true)),
        ["range"] = new JinjaFunction("range", Range),
        ["dict"] = new JinjaFunction("dict", a => new Dictionary<string, object?>(a.Expect("dict", 0).Named, StringComparer.Ordinal)),
    };

    private static object Namespace(JinjaArguments a)
    {
        var ns = new JinjaNamespace();
        foreach (var initial in a.Positional)
        {
            if (initial is not IDictionary<string, object?> d) throw new JinjaError("namespace() takes only a mapping as positional argument");
            foreach (var (k, v) in d) ns.Attributes[k] = v;
        }
        foreach (var (k, v) in a.Named) ns.Attributes[k] = v;
        return ns;
    }

    private static object Range(JinjaArguments a)
    {
        a.Expect("range", 3);
        var n = a.Positional.Select(JinjaValues.ToLong).ToArray();
        var (start, stop, step) = n.Length switch
        {
            1 => (0L, n[0], 1L),
            2 => (n[0], n[1], 1L),
            3 => (n[0], n[1], n[2]),
            _ => throw new JinjaError("range expected 1 to 3 arguments"),
        };
        if (step == 0) throw new JinjaError("range() arg 3 must not be zero");
        double count = Math.Max(0, Math.Ceiling((stop - (double)start) / step));
        if (count > MaxRange) throw new JinjaError($"range too big: {count} items (at most {MaxRange})");
        var items = new List<object?>((int)count);
        for (long i = 0; i < count; i++) items.Add(start + i * step);
        return items;
    }
}
