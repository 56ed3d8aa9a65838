using System.Collections;

namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// The Python methods templates call on values: on strings <c>startswith</c>, <c>endswith</c>, <c>split</c>, <c>rsplit</c>,
/// <c>strip</c>, <c>lstrip</c>, <c>rstrip</c>, <c>replace</c>, <c>upper</c>, <c>lower</c>, <c>title</c>, <c>capitalize</c>,
/// <c>find</c>, <c>count</c>, <c>join</c>; on dicts <c>items</c>, <c>keys</c>, <c>values</c>, <c>get</c>. Nothing mutates
/// (transformers renders in Jinja2's immutable sandbox).
/// </summary>
internal static class JinjaMethods
{
    public static JinjaFunction? TryBind(object? target, string name) => target switch
    {
        string s => StringMethod(s, name),
        IDictionary<string, object?> d => DictMethod(d, name),
        _ => null,
    };

    private static JinjaFunction? StringMethod(string s, string name) => name switch
    {
        "startswith" => Bind(name, a => Affixes(a.Expect(name, 1).Get(0, "prefix")).Any(p => s.StartsWith(p, StringComparison.Ordinal))),
        "endswith" => Bind(name, a => Affixes(a.Expect(name, 1).Get(0, "suffix")).Any(p => s.EndsWith(p, StringComparison.Ordinal))),
        "split" => Bind(name, a => Split(s, a.Expect(name, 2, "sep", "maxsplit"), fromRight: false)),
        "rsplit" => Bind(name, a => Split(s, a.Expect(name, 2, "sep", "maxsplit"), fromRight: true)),
        "strip" => Bind(name, a => Strip(s, a.Expect(name, 1).Get(0, "chars"), start: true, end: true)),
        "lstrip" => Bind(name, a => Strip(s, a.Expect(name, 1).Get(0, "chars"), start: true, end: false)),
        "rstrip" => Bind(name, a => Strip(s, a.Expect(name, 1).Get(0, "chars"), start: false, end: true)),
        "replace" => Bind(name, a => Replace(s, a.Expect(name, 3, "count"))),
        "upper" => Bind(name, _ => s.ToUpperInvariant()),
        "lower" => Bind(name, _ => s.ToLowerInvariant()),
        "title" => Bind(name, _ => PythonTitle(s)),
        "capitalize" => Bind(name, _ => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant()),
        "find" => Bind(name, a => (long)s.IndexOf(Text(a.Expect(name, 1).Get(0, "sub"), "find"), StringComparison.Ordinal)),
        "count" => Bind(name, a => Count(s, Text(a.Expect(name, 1).Get(0, "sub"), "count"))),
        "join" => Bind(name, a => string.Join(s, JinjaValues.Iterate(a.Expect(name, 1).Get(0, "iterable")).Select(x => Text(x, "join")))),
        _ => null,
    };

    private static JinjaFunction? DictMethod(IDictionary<string, object?> d, string name) => name switch
    {
        "items" => Bind(name, _ => Items(d)),
        "keys" => Bind(name, _ => d.Keys.Cast<object?>().ToList()),
        "values" => Bind(name, _ => d.Values.ToList()),
        "get" => Bind(name, a => a.Expect(name, 2).Get(0, "key") is string k && d.TryGetValue(k, out var v) ? v : a.Get(1, "default")),
        _ => null,
    };

    public static List<object?> Items(IDictionary<string, object?> d) => d.Select(p => (object?)new object?[] { p.Key, p.Value }).ToList();

    private static JinjaFunction Bind(string name, Func<JinjaArguments, object?> body) => new(name, body);

    private static IEnumerable<string> Affixes(object? v) => v switch
    {
        string s => [s],
        IList list => list.Cast<object?>().Select(x => Text(x, "startswith/endswith")),
        _ => throw new JinjaError($"startswith/endswith expects a string or a tuple of strings, got '{JinjaValues.TypeName(v)}'"),
    };

    public static string Text(object? v, string function) => v is string s ? s
        : v is JinjaUndefined u ? throw u.Fail()
        : throw new JinjaError($"{function} expects a string, got '{JinjaValues.TypeName(v)}'");

    private static List<object?> Split(string s, JinjaArguments a, bool fromRight)
    {
        object? sep = a.Get(0, "sep");
        long max = a.Get(1, "maxsplit", -1L) is { } m ? JinjaValues.ToLong(m) : -1;
        if (sep is null) return SplitWhitespace(s, max, fromRight);
        string separator = Text(sep, "split");
        if (separator.Length == 0) throw new JinjaError("split: empty separator");
        var parts = s.Split(separator).ToList();
        if (max < 0 || parts.Count - 1 <= max) return parts.Cast<object?>().ToList();
        int keep = (int)max;
        var joined = fromRight
            ? new[] { string.Join(separator, parts.Take(parts.Count - keep)) }.Concat(parts.Skip(parts.Count - keep))
            : parts.Take(keep).Append(string.Join(separator, parts.Skip(keep)));
        return joined.Cast<object?>().ToList();
    }

    private static List<object?> SplitWhitespace(string s, long max, bool fromRight)
    {
        var words = s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (max < 0 || words.Count - 1 <= max) return words.Cast<object?>().ToList();
        // Python keeps the remainder's inner whitespace, trimmed on the split side only.
        string rest = s;
        var head = new List<object?>();
        for (int i = 0; i < max; i++)
        {
            rest = fromRight ? rest.TrimEnd() : rest.TrimStart();
            int cut = fromRight ? rest.LastIndexOfAny(Whitespace) : rest.IndexOfAny(Whitespace);
            head.Add(fromRight ? rest[(cut + 1)..] : rest[..cut]);
            rest = fromRight ? rest[..cut] : rest[cut..];
        }
        rest = fromRight ? rest.TrimEnd() : rest.TrimStart();
        if (fromRight) { head.Reverse(); head.Insert(0, rest); return head; }
        head.Add(rest);
        return head;
    }

    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\v', '\f'];

    public static string Strip(string s, object? chars, bool start, bool end)
    {
        if (chars is null or JinjaUndefined) return start && end ? s.Trim() : start ? s.TrimStart() : s.TrimEnd();
        char[] set = Text(chars, "strip").ToCharArray();
        return start && end ? s.Trim(set) : start ? s.TrimStart(set) : s.TrimEnd(set);
    }

    private static string Replace(string s, JinjaArguments a)
    {
        string old = Text(a.Get(0, "old"), "replace"), replacement = Text(a.Get(1, "new"), "replace");
        long count = a.Get(2, "count", -1L) is { } c ? JinjaValues.ToLong(c) : -1;
        return ReplaceCount(s, old, replacement, count);
    }

    public static string ReplaceCount(string s, string old, string replacement, long count)
    {
        if (count < 0) return old.Length == 0 ? InsertBetween(s, replacement) : s.Replace(old, replacement, StringComparison.Ordinal);
        var sb = new System.Text.StringBuilder();
        int pos = 0;
        for (long n = 0; n < count && old.Length > 0; n++)
        {
            int at = s.IndexOf(old, pos, StringComparison.Ordinal);
            if (at < 0) break;
            sb.Append(s, pos, at - pos).Append(replacement);
            pos = at + old.Length;
        }
        return sb.Append(s, pos, s.Length - pos).ToString();
    }

    private static string InsertBetween(string s, string insert) =>
        insert + string.Concat(s.Select(c => c + insert));

    private static long Count(string s, string sub)
    {
        if (sub.Length == 0) return s.Length + 1;
        long n = 0;
        for (int at = s.IndexOf(sub, StringComparison.Ordinal); at >= 0; at = s.IndexOf(sub, at + sub.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    // Python's str.title(): a letter after a non-letter starts a word and is upper-cased, other letters are lower-cased.
    public static string PythonTitle(string s)
    {
        var chars = s.ToCharArray();
        bool previousCased = false;
        for (int i = 0; i < chars.Length; i++)
        {
            bool cased = char.IsLetter(chars[i]);
            if (cased) chars[i] = previousCased ? char.ToLowerInvariant(chars[i]) : char.ToUpperInvariant(chars[i]);
            previousCased = cased;
        }
        return new string(chars);
    }
}
