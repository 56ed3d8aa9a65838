using TorchSharp;

namespace R1.Rollout.Runtime;

/// <summary>
/// Checks once that TorchSharp's native backend (libtorch) loads, and turns a load failure into an error that names
/// the missing prerequisite and the fix. Called by <see cref="Policy"/>, <see cref="Models.CausalLM"/> and
/// <see cref="Generation.RolloutGenerator"/> before any tensor work.
/// </summary>
public static class TorchRuntime
{
    /// <summary>The libstdc++ symbol version libtorch 2.10 (TorchSharp 0.107) needs.</summary>
    public const string RequiredGlibcxx = "GLIBCXX_3.4.32";

    private static readonly Lazy<Exception?> Failure = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly string[] LibstdcxxCandidates =
    [
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    ];

    /// <summary>Throws a clear <see cref="InvalidOperationException"/> when libtorch cannot be loaded; a no-op afterwards.</summary>
    public static void EnsureAvailable()
    {
        if (Failure.Value is { } e) throw new InvalidOperationException(DescribeLoadFailure(e.Message, FindLibstdcxx(), HasRequiredGlibcxx()), e);
    }

    private static Exception? Probe()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            using var t = torch.ones(2) + 1;
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException
                                      or EntryPointNotFoundException or BadImageFormatException or InvalidOperationException)
        {
            return e;
        }
    }

    /// <summary>
    /// The message shown when libtorch fails to load. <paramref name="hasGlibcxx"/> is whether the system libstdc++ at
    /// <paramref name="libstdcxxPath"/> provides <see cref="RequiredGlibcxx"/> (null when unknown, e.g. not Linux).
    /// </summary>
    public static string DescribeLoadFailure(string nativeError, string? libstdcxxPath, bool? hasGlibcxx)
    {
        var lines = new List<string> { $"TorchSharp's native library (libtorch) could not be loaded: {nativeError}" };
        if (hasGlibcxx == false || nativeError.Contains("GLIBCXX", StringComparison.Ordinal))
        {
            lines.Add($"Cause: the system libstdc++ ({libstdcxxPath ?? "not found"}) lacks {RequiredGlibcxx}, " +
                      "which libtorch 2.10 (TorchSharp 0.107) needs; Debian 12 ships an older one.");
            lines.Add("Fix: run scripts/setup.sh, or install a newer libstdc++ yourself: " +
                      "add the Debian 13 (trixie) apt source and run `apt-get install -t trixie libstdc++6`.");
        }
        else
        {
            lines.Add("Fix: reference a native package in the application (TorchSharp-cpu, or TorchSharp-cuda-linux / " +
                      "TorchSharp-cuda-windows for GPUs) and run scripts/setup.sh on Linux.");
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The system libstdc++ path, or null when none of the usual locations exists.</summary>
    public static string? FindLibstdcxx() => LibstdcxxCandidates.FirstOrDefault(File.Exists);

    /// <summary>Whether the system libstdc++ contains <see cref="RequiredGlibcxx"/>; null when it cannot be found.</summary>
    public static bool? HasRequiredGlibcxx()
    {
        var path = FindLibstdcxx();
        if (path is null) return null;
        try { return ContainsAscii(File.ReadAllBytes(path), RequiredGlibcxx); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    internal static bool ContainsAscii(ReadOnlySpan<byte> haystack, string needle) =>
        haystack.IndexOf(System.Text.Encoding.ASCII.GetBytes(needle)) >= 0;
}
