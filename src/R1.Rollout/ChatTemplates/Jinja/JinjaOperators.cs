using System.Collections;

namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// The binary and unary operators with Python semantics: <c>+</c> adds numbers and joins strings or lists, <c>~</c> joins the
/// <c>str()</c> of both sides (undefined is empty), <c>/</c> is true division, <c>//</c> and <c>%</c> floor. An undefined
/// operand of arithmetic raises its "is undefined" error, as Jinja2's default <c>Undefined</c> does.
/// </summary>
internal static class JinjaOperators
{
    /// <summary>Longest string or list an operator may build (a bound against templates that multiply text without end).</summary>
    public const int MaxLength = 1 << 24;

    public static object? Binary(string op, object? a, object? b) => op switch
    {
        "+" => Add(a, b),
        "-" => Arithmetic(a, b, (x, y) => checked(x - y), (x, y) => x - y, "-"),
        "*" => Multiply(a, b),
        "/" => Divide(a, b),
        "//" => FloorDivide(a, b),
        "%" => Modulo(a, b),
        "**" => Power(a, b),
        "~" => Limit(JinjaValues.ToStr(a) + JinjaValues.ToStr(b)),
        _ => throw new JinjaError($"unknown operator '{op}'"),
    };

    public static object? Add(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (a is string sa && b is string sb) return Limit(sa + sb);
        if (JinjaValues.IsList(a) && JinjaValues.IsList(b))
        {
            var joined = ((IList)a!).Cast<object?>().Concat(((IList)b!).Cast<object?>()).ToList();
            return joined.Count > MaxLength ? throw new JinjaError("the list grows beyond the engine's limit") : joined;
        }
        return Arithmetic(a, b, (x, y) => checked(x + y), (x, y) => x + y, "+");
    }

    private static object? Multiply(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (a is string s && b is long or bool) return Repeat(s, JinjaValues.ToLong(b));
        if (b is string t && a is long or bool) return Repeat(t, JinjaValues.ToLong(a));
        return Arithmetic(a, b, (x, y) => checked(x * y), (x, y) => x * y, "*");
    }

    private static string Repeat(string s, long times)
    {
        if (times <= 0 || s.Length == 0) return "";
        if (s.Length * (double)times > MaxLength) throw new JinjaError("the string grows beyond the engine's limit");
        return string.Concat(Enumerable.Repeat(s, (int)times));
    }

    private static object Divide(object? a, object? b)
    {
        Numbers(a, b, "/");
        double y = JinjaValues.ToDouble(b);
        return y == 0 ? throw new JinjaError("division by zero") : JinjaValues.ToDouble(a) / y;
    }

    private static object FloorDivide(object? a, object? b)
    {
        Numbers(a, b, "//");
        if (a is double || b is double)
        {
            double y = JinjaValues.ToDouble(b);
            return y == 0 ? throw new JinjaError("division by zero") : Math.Floor(JinjaValues.ToDouble(a) / y);
        }
        long d = JinjaValues.ToLong(b);
        if (d == 0) throw new JinjaError("integer division by zero");
        long n = JinjaValues.ToLong(a);
        long q = n / d;
        return (n % d != 0 && (n < 0) != (d < 0)) ? q - 1 : q;
    }

    private static object Modulo(object? a, object? b)
    {
        if (a is string) throw new JinjaError("printf-style string formatting ('%' on a string) is not supported");
        Numbers(a, b, "%");
        if (a is double || b is double)
        {
            double x = JinjaValues.ToDouble(a), y = JinjaValues.ToDouble(b);
            if (y == 0) throw new JinjaError("float modulo by zero");
            double r = x % y;
            return r != 0 && (r < 0) != (y < 0) ? r + y : r;
        }
        long n = JinjaValues.ToLong(a), d = JinjaValues.ToLong(b);
        if (d == 0) throw new JinjaError("integer modulo by zero");
        long m = n % d;
        return m != 0 && (m < 0) != (d < 0) ? m + d : m;
    }

    private static object Power(object? a, object? b)
    {
        Numbers(a, b, "**");
        if (a is double || b is double || JinjaValues.ToLong(b) < 0) return Math.Pow(JinjaValues.ToDouble(a), JinjaValues.ToDouble(b));
        long result = 1, x = JinjaValues.ToLong(a);
        for (long e = JinjaValues.ToLong(b); e > 0; e--) result = checked(result * x);
        return result;
    }

    public static object? Negate(object? v) => v switch
    {
        long n => (object)checked(-n),
        bool b => b ? -1L : 0L,
        double d => -d,
        JinjaUndefined u => throw u.Fail(),
        _ => throw new JinjaError($"bad operand type for unary -: '{JinjaValues.TypeName(v)}'"),
    };

    /// <summary>Python's <c>item in container</c>: substring, list member, dict key; nothing is in undefined.</summary>
    public static bool Contains(object? container, object? item) => container switch
    {
        JinjaUndefined => false,
        string s => item is string t ? s.Contains(t, StringComparison.Ordinal)
            : throw new JinjaError($"'in <string>' requires a string as left operand, not '{JinjaValues.TypeName(item)}'"),
        IList list => list.Cast<object?>().Any(x => JinjaValues.AreEqual(x, item)),
        IDictionary<string, object?> d => item is string key && d.ContainsKey(key),
        JinjaNamespace ns => item is string name && ns.Attributes.ContainsKey(name),
        _ => throw new JinjaError($"argument of type '{JinjaValues.TypeName(container)}' is not iterable"),
    };

    private static object Arithmetic(object? a, object? b, Func<long, long, long> integer, Func<double, double, double> real, string op)
    {
        Numbers(a, b, op);
        if (a is double || b is double) return real(JinjaValues.ToDouble(a), JinjaValues.ToDouble(b));
        try { return integer(JinjaValues.ToLong(a), JinjaValues.ToLong(b)); }
        catch (OverflowException) { throw new JinjaError($"integer overflow in '{op}'"); }
    }

    private static void Numbers(object? a, object? b, string op)
    {
        FailIfUndefined(a, b);
        if (!JinjaValues.IsNumber(a) || !JinjaValues.IsNumber(b))
            throw new JinjaError($"unsupported operand types for {op}: '{JinjaValues.TypeName(a)}' and '{JinjaValues.TypeName(b)}'");
    }

    private static void FailIfUndefined(object? a, object? b)
    {
        if (a is JinjaUndefined u) throw u.Fail();
        if (b is JinjaUndefined v) throw v.Fail();
    }

    private static string Limit(string s) => s.Length > MaxLength ? throw new JinjaError("the string grows beyond the engine's limit") : s;
}
