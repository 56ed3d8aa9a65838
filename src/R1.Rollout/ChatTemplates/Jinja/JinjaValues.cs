using System.Collections;
using System.Globalization;
using System.Text;

namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// Python semantics of the template values: <see langword="null"/> (none), <see cref="JinjaUndefined"/>, bool, long, double,
/// string, lists (<see cref="IList"/>), dicts (<see cref="IDictionary{TKey,TValue}"/> of string keys, insertion-ordered),
/// <see cref="JinjaNamespace"/>, <see cref="JinjaLoop"/> and <see cref="JinjaFunction"/>. Truthiness, <c>str()</c>,
/// <c>repr()</c>, equality and ordering live here; operators are in <see cref="JinjaOperators"/>.
/// </summary>
internal static class JinjaValues
{
    public static bool IsTruthy(object? v) => v switch
    {
        null or JinjaUndefined => false,
        bool b => b,
        long n => n != 0,
        double d => d != 0,
        string s => s.Length > 0,
        ICollection c => c.Count > 0,
        IDictionary<string, object?> d => d.Count > 0,
        _ => true,
    };

    public static bool IsNumber(object? v) => v is long or double or bool;

    public static bool IsList(object? v) => v is IList;

    public static string TypeName(object? v) => v switch
    {
        null => "NoneType",
        JinjaUndefined => "Undefined",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        object?[] => "tuple",
        IList => "list",
        IDictionary<string, object?> => "dict",
        JinjaNamespace => "Namespace",
        JinjaLoop => "LoopContext",
        JinjaFunction => "function",
        _ => v.GetType().Name,
    };

    /// <summary>Python's <c>str(v)</c>; undefined is the empty string.</summary>
    public static string ToStr(object? v) => v switch
    {
        string s => s,
        JinjaUndefined => "",
        _ => Repr(v),
    };

    /// <summary>Python's <c>repr(v)</c>.</summary>
    public static string Repr(object? v) => v switch
    {
        null => "None",
        JinjaUndefined => "",
        bool b => b ? "True" : "False",
        long n => n.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d),
        string s => QuoteString(s),
        object?[] t => t.Length == 1 ? $"({Repr(t[0])},)" : "(" + string.Join(", ", t.Select(Repr)) + ")",
        IList list => "[" + string.Join(", ", list.Cast<object?>().Select(Repr)) + "]",
        IDictionary<string, object?> d => "{" + string.Join(", ", d.Select(p => QuoteString(p.Key) + ": " + Repr(p.Value))) + "}",
        JinjaNamespace ns => "<Namespace " + string.Join(", ", ns.Attributes.Select(p => p.Key + "=" + Repr(p.Value))) + ">",
        JinjaFunction f => $"<function {f.Name}>",
        _ => v.ToString() ?? "",
    };

    /// <summary>Python's float repr: shortest round-trip digits, exponent form below 1e-4 and from 1e16.</summary>
    public static string FormatFloat(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        string sign = d < 0 || (d == 0 && double.IsNegative(d)) ? "-" : "";
        var (digits, point) = Digits(Math.Abs(d).ToString("R", CultureInfo.InvariantCulture));
        if (digits.Length == 0) return sign + "0.0";
        int exponent = point - 1;
        if (exponent < -4 || exponent >= 16)
        {
            string mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }
        if (point <= 0) return sign + "0." + new string('0', -point) + digits;
        if (point >= digits.Length) return sign + digits + new string('0', point - digits.Length) + ".0";
        return sign + digits[..point] + "." + digits[point..];
    }

    // The significant digits of a .NET round-trip string and the position of the decimal point relative to them.
    private static (string Digits, int Point) Digits(string r)
    {
        int e = r.IndexOfAny(['E', 'e']);
        string mantissa = e < 0 ? r : r[..e];
        int exponent = e < 0 ? 0 : int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.');
        string digits = mantissa.Replace(".", "");
        int point = (dot < 0 ? mantissa.Length : dot) + exponent;
        int lead = 0;
        while (lead < digits.Length && digits[lead] == '0') lead++;
        return (digits[lead..].TrimEnd('0'), point - lead);
    }

    public static string QuoteString(string s)
    {
        char quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder().Append(quote);
        foreach (char c in s)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                default:
                    if (c == quote) sb.Append('\\');
                    if (c < 0x20 || c == 0x7f) sb.Append($"\\x{(int)c:x2}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }

    /// <summary>Python's <c>==</c>: numbers by value (True == 1), strings by code points, lists and dicts element-wise.</summary>
    public static bool AreEqual(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is JinjaUndefined || b is JinjaUndefined) return a is JinjaUndefined && b is JinjaUndefined;
        if (IsNumber(a) && IsNumber(b)) return a is double || b is double ? ToDouble(a) == ToDouble(b) : ToLong(a) == ToLong(b);
        if (a is string sa) return b is string sb && string.Equals(sa, sb, StringComparison.Ordinal);
        if (IsList(a) && IsList(b)) return ListsEqual((IList)a, (IList)b);
        if (a is IDictionary<string, object?> da && b is IDictionary<string, object?> db)
            return da.Count == db.Count && da.All(p => db.TryGetValue(p.Key, out var v) && AreEqual(p.Value, v));
        return ReferenceEquals(a, b);
    }

    private static bool ListsEqual(IList a, IList b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
            if (!AreEqual(a[i], b[i])) return false;
        return true;
    }

    /// <summary>Python's ordering for <c>&lt;</c> and friends: numbers, strings (by code point) and lists.</summary>
    public static int Compare(object? a, object? b)
    {
        if (IsNumber(a) && IsNumber(b)) return a is double || b is double ? ToDouble(a).CompareTo(ToDouble(b)) : ToLong(a).CompareTo(ToLong(b));
        if (a is string sa && b is string sb) return string.CompareOrdinal(sa, sb);
        if (IsList(a) && IsList(b))
        {
            IList la = (IList)a!, lb = (IList)b!;
            for (int i = 0; i < Math.Min(la.Count, lb.Count); i++)
                if (!AreEqual(la[i], lb[i])) return Compare(la[i], lb[i]);
            return la.Count.CompareTo(lb.Count);
        }
        if (a is JinjaUndefined u) throw u.Fail();
        if (b is JinjaUndefined v) throw v.Fail();
        throw new JinjaError($"ordering is not supported between '{TypeName(a)}' and '{TypeName(b)}'");
    }

    public static long ToLong(object? v) => v switch
    {
        long n => n,
        bool b => b ? 1 : 0,
        double d => (long)d,
        _ => throw new JinjaError($"expected a number, got '{TypeName(v)}'"),
    };

    public static double ToDouble(object? v) => v switch
    {
        double d => d,
        long n => n,
        bool b => b ? 1 : 0,
        _ => throw new JinjaError($"expected a number, got '{TypeName(v)}'"),
    };

    /// <summary>The items a <c>for</c> loop or a filter iterates: list items, string characters, dict keys; undefined is empty.</summary>
    public static IReadOnlyList<object?> Iterate(object? v) => v switch
    {
        JinjaUndefined => [],
        string s => EnumerateTextElements(s),
        IList list => list.Cast<object?>().ToList(),
        IDictionary<string, object?> d => d.Keys.Cast<object?>().ToList(),
        _ => throw new JinjaError($"'{TypeName(v)}' object is not iterable"),
    };

    // Python iterates code points; a surrogate pair is one character.
    private static List<object?> EnumerateTextElements(string s)
    {
        var items = new List<object?>(s.Length);
        for (int i = 0; i < s.Length; i += char.IsSurrogatePair(s, i) ? 2 : 1)
            items.Add(char.IsSurrogatePair(s, i) ? s.Substring(i, 2) : s[i].ToString());
        return items;
    }

    /// <summary>Python's <c>len()</c>; undefined has length 0.</summary>
    public static long Length(object? v) => v switch
    {
        JinjaUndefined => 0,
        string s => CodePoints(s),
        ICollection c => c.Count,
        IDictionary<string, object?> d => d.Count,
        _ => throw new JinjaError($"object of type '{TypeName(v)}' has no len()"),
    };

    private static long CodePoints(string s)
    {
        long n = s.Length;
        for (int i = 0; i + 1 < s.Length; i++)
            if (char.IsSurrogatePair(s[i], s[i + 1])) { n--; i++; }
        return n;
    }
}
