using System.Globalization;

namespace R1.Synthetic;

/// <summary>
/// The examples' command-line parser: every public property of a settings class is a flag <c>--kebab-name value</c>
/// (booleans: <c>--kebab-name</c> alone); an unknown flag or a missing value is an error that lists the flags.
/// </summary>
public static class CommandLineFlags
{
    /// <summary>Defaults of <typeparamref name="T"/>, overridden by <paramref name="args"/>.</summary>
    public static T Parse<T>(string[] args) where T : new()
    {
        var o = new T();
        var props = typeof(T).GetProperties().ToDictionary(p => ToFlag(p.Name), StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < args.Length; i++)
        {
            string flag = args[i].TrimStart('-');
            if (!props.TryGetValue(flag, out var prop))
                throw new ArgumentException($"Unknown option '{args[i]}'. Options: {string.Join(", ", props.Keys.Select(k => "--" + k))}.");
            if (prop.PropertyType == typeof(bool)) { prop.SetValue(o, true); continue; }
            if (i + 1 >= args.Length) throw new ArgumentException($"Option '{args[i]}' needs a value.");
            prop.SetValue(o, Convert.ChangeType(args[++i], prop.PropertyType, CultureInfo.InvariantCulture));
        }
        return o;
    }

    private static string ToFlag(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
