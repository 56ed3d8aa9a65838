using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace R1.Rewards.Code;

/// <summary>
/// Builds the command that runs the harness in the configured <see cref="SandboxMode"/>, after checking once that the
/// sandbox works here. When running as root, programs run as a dedicated uid (<c>setpriv</c>) so that <c>RLIMIT_NPROC</c>
/// applies; without root, bubblewrap adds a user namespace.
/// </summary>
internal sealed class SandboxLauncher
{
    private const string SandboxPath = "/usr/local/bin:/usr/bin:/bin";
    private readonly CodeExecutionOptions _options;
    private readonly string? _bwrap;
    private readonly string? _setpriv;
    private readonly bool _root = Environment.IsPrivilegedProcess;

    private SandboxLauncher(CodeExecutionOptions options, SandboxMode mode, string? bwrap, string? setpriv, string? unavailable)
    {
        _options = options;
        Mode = mode;
        _bwrap = bwrap;
        _setpriv = setpriv;
        Unavailable = unavailable;
    }

    /// <summary>The mode in effect (never <see cref="SandboxMode.Auto"/>).</summary>
    public SandboxMode Mode { get; }

    /// <summary>Why the sandbox cannot run (every run then fails with this diagnostic), or <see langword="null"/>.</summary>
    public string? Unavailable { get; }

    /// <summary>Whether <see cref="KillSandboxUid"/> is needed after a run: processes may outlive the harness outside a PID namespace.</summary>
    public bool SweepsUid => Mode == SandboxMode.RlimitsOnly && _root && _setpriv != null;

    /// <summary>Resolves the mode: probes bubblewrap, falls back (Auto) or reports it unavailable (Bubblewrap), and logs the choice.</summary>
    public static SandboxLauncher Create(CodeExecutionOptions options, ILogger logger)
    {
        string? setpriv = Environment.IsPrivilegedProcess ? FindTool("setpriv") : null;
        if (Environment.IsPrivilegedProcess && setpriv == null)
            logger.LogWarning("Code reward: running as root without setpriv (util-linux); programs run as root and RLIMIT_NPROC is not enforced");
        if (options.Sandbox == SandboxMode.RlimitsOnly)
        {
            logger.LogWarning("Code reward: sandbox mode RlimitsOnly: resource limits only, no network or file-system isolation");
            return new(options, SandboxMode.RlimitsOnly, null, setpriv, null);
        }
        string? bwrap = FindTool("bwrap");
        string? problem = bwrap == null ? "bubblewrap (bwrap) is not installed" : Probe(bwrap);
        if (problem == null)
        {
            logger.LogInformation("Code reward: sandboxing programs with bubblewrap ({Bwrap})", bwrap);
            return new(options, SandboxMode.Bubblewrap, bwrap, setpriv, null);
        }
        if (options.Sandbox == SandboxMode.Bubblewrap)
        {
            logger.LogError("Code reward: sandbox mode Bubblewrap is unavailable: {Problem}; code samples score n/a", problem);
            return new(options, SandboxMode.Bubblewrap, null, setpriv, $"sandbox unavailable: {problem}");
        }
        logger.LogWarning("Code reward: {Problem}; falling back to resource limits only (no network or file-system isolation). " +
                          "Install bubblewrap for full isolation", problem);
        return new(options, SandboxMode.RlimitsOnly, null, setpriv, null);
    }

    /// <summary>The start info that runs <c>python -I -B harness job</c> in <paramref name="workDir"/> as slot <paramref name="slot"/>'s
    /// uid.</summary>
    public ProcessStartInfo Build(string workDir, int slot)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var command = new List<string>();
        if (Mode == SandboxMode.Bubblewrap) command.AddRange(BubblewrapArgs(workDir));
        if (_setpriv != null) command.AddRange(DropToUid(slot));
        command.AddRange([_options.PythonPath, "-I", "-B", PythonHarness.ScriptName, PythonHarness.JobName]);
        psi.FileName = command[0];
        foreach (var arg in command.Skip(1)) psi.ArgumentList.Add(arg);
        psi.WorkingDirectory = workDir;
        psi.Environment.Clear();
        psi.Environment["PATH"] = SandboxPath;
        psi.Environment["HOME"] = workDir;
        psi.Environment["TMPDIR"] = workDir;
        psi.Environment["LANG"] = "C.UTF-8";
        return psi;
    }

    /// <summary>The start info that kills every process of slot <paramref name="slot"/>'s uid (used after a run in RlimitsOnly mode as
    /// root).</summary>
    public ProcessStartInfo KillSandboxUid(int slot)
    {
        var psi = new ProcessStartInfo(_setpriv!) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in DropToUid(slot).Skip(1)) psi.ArgumentList.Add(arg);
        foreach (var arg in new[] { _options.PythonPath, "-I", "-S", "-c",
            "import os, signal; os.kill(-1, signal.SIGKILL)" }) psi.ArgumentList.Add(arg);
        return psi;
    }

    /// <summary>The uid that slot <paramref name="slot"/> runs as.</summary>
    public int Uid(int slot) => _options.SandboxUid + slot;

    private string[] DropToUid(int slot)
    {
        string id = Uid(slot).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [_setpriv!, $"--reuid={id}", $"--regid={id}", "--clear-groups", "--no-new-privs", "--"];
    }

    private IEnumerable<string> BubblewrapArgs(string workDir)
    {
        yield return _bwrap!;
        if (!_root) yield return "--unshare-user";
        foreach (var a in new[] { "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session",
                     "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                     "--bind", workDir, workDir, "--chdir", workDir, "--" })
            yield return a;
    }

    private static string? Probe(string bwrap)
    {
        try
        {
            var psi = new ProcessStartInfo(bwrap) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            if (!Environment.IsPrivilegedProcess) psi.ArgumentList.Add("--unshare-user");
            foreach (var a in new[] { "--unshare-net", "--unshare-pid", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--",
                "/bin/true" })
                psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            string error = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10_000)) { process.Kill(true); return "bubblewrap did not start within 10 s"; }
            return process.ExitCode == 0 ? null : $"bubblewrap cannot create namespaces here (exit {process.ExitCode}: {error.Trim()})";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"bubblewrap failed to start: {ex.Message}";
        }
    }

    private static string? FindTool(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? SandboxPath).Split(':').Concat(["/usr/bin", "/bin", "/usr/sbin", "/sbin"]))
        {
            if (dir.Length == 0) continue;
            string path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
