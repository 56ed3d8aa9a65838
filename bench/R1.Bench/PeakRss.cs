using System.Globalization;

namespace R1.Bench;

/// <summary>The process's resident memory from <c>/proc/self/status</c>: current (VmRSS) and peak (VmHWM).</summary>
internal static class PeakRss
{
    /// <summary>Resets VmHWM to the current RSS (writes 5 to <c>/proc/self/clear_refs</c>); false where the kernel refuses.</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static double PeakGiB() => Read("VmHWM:");

    public static double CurrentGiB() => Read("VmRSS:");

    private static double Read(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / (1024.0 * 1024.0);
        return double.NaN;
    }
}
