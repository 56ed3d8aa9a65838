using System.Collections;
using System.Globalization;
using System.Text;

namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// The <c>tojson</c> filter as transformers defines it for chat templates: Python's
/// <c>json.dumps(x, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sort_keys)</c> (no HTML escaping,
/// unlike Jinja2's own <c>tojson</c>). Separators default to <c>", "</c> and <c>": "</c>, or <c>","</c> and <c>": "</c> with an indent.
/// </summary>
internal static class JinjaJson
{
    public static string Serialize(object? value, int? indent, string? itemSeparator, string? keySeparator, bool sortKeys)
    {
        var sb = new StringBuilder();
        var options = (Indent: indent, Item: itemSeparator ?? (indent is null ? ", " : ","), Key: keySeparator ?? ": ", Sort: sortKeys);
        Write(sb, value, options, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? v, (int? Indent, string Item, string Key, bool Sort) o, int level)
    {
        if (level > JinjaParser.MaxDepth) throw new JinjaError("tojson: the value nests too deeply");
        switch (v)
        {
            case null: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case long n: sb.Append(n.ToString(CultureInfo.InvariantCulture)); break;
            case double d:
                sb.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : JinjaValues.FormatFloat(d));
                break;
            case string s: WriteString(sb, s); break;
            case IList list: WriteItems(sb, list.Cast<object?>().ToList(), '[', ']', o, level, (x, l) => Write(sb, x, o, l)); break;
            case IDictionary<string, object?> dict:
                var pairs = o.Sort ? dict.OrderBy(p => p.Key, StringComparer.Ordinal).ToList() : dict.ToList();
                WriteItems(sb, pairs, '{', '}', o, level, (p, l) => { WriteString(sb, p.Key); sb.Append(o.Key); Write(sb, p.Value, o, l); });
                break;
            default: throw new JinjaError($"tojson: object of type '{JinjaValues.TypeName(v)}' is not JSON serializable");
        }
    }

    private static void WriteItems<T>(
        StringBuilder sb, IReadOnlyList<T> items, char open, char close, (int? Indent, string Item, string Key, bool Sort) o, int level,
        Action<T, int> write)
    {
        sb.Append(open);
        if (items.Count == 0) { sb.Append(close); return; }
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) sb.Append(o.Item);
            if (o.Indent is { } n) sb.Append('\n').Append(' ', n * (level + 1));
            write(items[i], level + 1);
        }
        if (o.Indent is { } m) sb.Append('\n').Append(' ', m * level);
        sb.Append(close);
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
