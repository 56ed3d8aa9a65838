using System.Globalization;

namespace R1.Bench;

/// <summary>The machine's load averages from <c>/proc/loadavg</c> (what else ran on the cores while a bench measured).</summary>
internal static class LoadAverage
{
    /// <summary>The 1-, 5- and 15-minute averages as the file writes them, or <c>n/a</c> where there is no such file.</summary>
    public static string Text() => Fields() is { } f ? string.Join(" ", f.Take(3)) : "n/a";

    /// <summary>The 1-minute average; NaN where unknown.</summary>
    public static double OneMinute() => Fields() is { } f ? double.Parse(f[0], CultureInfo.InvariantCulture) : double.NaN;

    private static string[]? Fields() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ') : null;
}
