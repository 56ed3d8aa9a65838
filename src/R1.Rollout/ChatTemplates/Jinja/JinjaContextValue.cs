using System.Collections;

namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>Converts .NET values given to a render into the engine's value model (long, double, string lists and dicts).</summary>
internal static class JinjaContextValue
{
    public static object? From(object? value, int depth)
    {
        if (depth > JinjaParser.MaxDepth) throw new ArgumentException("The render context nests too deeply.");
        return value switch
        {
            null or string or bool or long or double => value,
            int or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
            float f => (double)f,
            decimal m => (double)m,
            IDictionary<string, object?> d => d.ToDictionary(p => p.Key, p => From(p.Value, depth + 1), StringComparer.Ordinal),
            IReadOnlyDictionary<string, object?> r => r.ToDictionary(p => p.Key, p => From(p.Value, depth + 1), StringComparer.Ordinal),
            IEnumerable items => items.Cast<object?>().Select(x => From(x, depth + 1)).ToList(),
            _ => throw new ArgumentException($"Cannot pass a {value.GetType().Name} to a chat template."),
        };
    }
}
