using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace R1.Rewards.Code;

/// <summary>
/// The Python harness (<c>python_harness.py</c>, embedded) that judges a program against its tests inside the sandbox, and the
/// job it reads (on stdin locally, as a file remotely). The harness applies the resource limits itself, so they hold in every
/// sandbox mode and remotely.
/// </summary>
internal static class PythonHarness
{
    /// <summary>The file name of the harness in the working directory.</summary>
    public const string ScriptName = "python_harness.py";

    /// <summary>The file name of the job for the remote executor (the harness deletes it before the program starts).</summary>
    public const string JobName = "job.json";

    private static readonly Lazy<string> ScriptText = new(LoadScript);

    /// <summary>The harness source.</summary>
    public static string Script => ScriptText.Value;

    /// <summary>A fresh random nonce that prefixes the harness's report lines (sent on stdin, so the program cannot forge reports).</summary>
    public static string NewNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The job JSON: the program, tests, entry point, split flag, and resource limits from <paramref name="options"/>.</summary>
    public static string Job(CodeExecutionRequest request, CodeExecutionOptions options)
    {
        var limits = new JsonObject
        {
            ["as"] = (long)options.MemoryMb << 20,
            ["cpu"] = options.CpuSeconds,
            ["nproc"] = options.MaxProcesses,
            ["fsize"] = (long)options.MaxFileMb << 20,
            ["nofile"] = 256,
            ["core"] = 0,
        };
        var job = new JsonObject
        {
            ["code"] = request.Code,
            ["tests"] = request.Tests,
            ["entry_point"] = request.EntryPoint,
            ["split"] = request.SplitTests,
            ["limits"] = limits,
        };
        return job.ToJsonString();
    }

    private static string LoadScript()
    {
        var assembly = typeof(PythonHarness).Assembly;
        string name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ScriptName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
