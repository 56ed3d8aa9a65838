using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace R1.Rewards.Code;

/// <summary>
/// Builds the command that runs the harness in the configured <see cref="SandboxMode"/>, after checking once that the
/// sandbox works here; it never falls back to running without isolation. When running as root, programs run as a dedicated
/// uid (<c>setpriv</c>) so that <c>RLIMIT_NPROC</c> applies; without root, bubblewrap adds a user namespace.
/// </summary>
internal sealed class SandboxLauncher
{
    /// <summary>Where the per-run directory holding the harness appears inside bubblewrap (read-only).</summary>
    public const string HarnessMount = "/harness";

    /// <summary>The working directory inside bubblewrap: the private, size-limited tmpfs.</summary>
    public const string ScratchMount = "/tmp";

    private const string SandboxPath = "/usr/local/bin:/usr/bin:/bin";
    private static readonly string[] RootLinks = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"];
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
    public bool SweepsUid => Mode == SandboxMode.UnsafeNoIsolation && _root && _setpriv != null;

    /// <summary>
    /// Resolves the mode: probes bubblewrap and logs the choice. When it cannot run, logs an error and either reports it
    /// unavailable or throws (<see cref="CodeExecutionOptions.WhenSandboxUnavailable"/>). Tools are looked up in
    /// <paramref name="searchPath"/> (default: <c>PATH</c>, then the system directories).
    /// </summary>
    public static SandboxLauncher Create(CodeExecutionOptions options, ILogger logger, string? searchPath = null)
    {
        string? setpriv = Environment.IsPrivilegedProcess ? FindTool("setpriv", searchPath) : null;
        if (Environment.IsPrivilegedProcess && setpriv == null)
            logger.LogWarning("Code reward: running as root without setpriv (util-linux); programs run as root and RLIMIT_NPROC is not enforced");
        if (options.Sandbox == SandboxMode.UnsafeNoIsolation)
        {
            logger.LogWarning("Code reward: sandbox mode UnsafeNoIsolation: resource limits only; programs can read host files, reach host " +
                              "sockets and the network");
            return new(options, SandboxMode.UnsafeNoIsolation, null, setpriv, null);
        }
        string? bwrap = FindTool("bwrap", searchPath);
        string? problem = bwrap == null ? "bubblewrap (bwrap) is not installed" : Probe(options, bwrap);
        if (problem == null)
        {
            logger.LogInformation("Code reward: sandboxing programs with bubblewrap ({Bwrap})", bwrap);
            return new(options, SandboxMode.Bubblewrap, bwrap, setpriv, null);
        }
        string message = $"sandbox unavailable: {problem}; code is never run without isolation (install bubblewrap, or opt in to " +
                         $"{nameof(SandboxMode)}.{nameof(SandboxMode.UnsafeNoIsolation)} for trusted code)";
        logger.LogError("Code reward: {Message}; code samples score n/a", message);
        if (options.WhenSandboxUnavailable == SandboxUnavailableBehavior.Throw)
            throw new InvalidOperationException($"Code reward: {message}.");
        return new(options, SandboxMode.Bubblewrap, null, setpriv, message);
    }

    /// <summary>The start info that runs <c>python -I -B harness</c> (the job arrives on stdin) with the harness in
    /// <paramref name="hostDir"/>, as slot <paramref name="slot"/>'s uid.</summary>
    public ProcessStartInfo Build(string hostDir, int slot)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardInputEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        bool isolated = Mode == SandboxMode.Bubblewrap;
        string harnessDir = isolated ? HarnessMount : hostDir;
        string workDir = isolated ? ScratchMount : hostDir;
        var command = new List<string>();
        if (isolated) command.AddRange(BubblewrapArgs(hostDir));
        if (_setpriv != null) command.AddRange(DropToUid(slot));
        command.AddRange([_options.PythonPath, "-I", "-B", harnessDir + "/" + PythonHarness.ScriptName]);
        psi.FileName = command[0];
        foreach (var arg in command.Skip(1)) psi.ArgumentList.Add(arg);
        psi.WorkingDirectory = hostDir;
        psi.Environment.Clear();
        psi.Environment["PATH"] = SandboxPath;
        psi.Environment["HOME"] = workDir;
        psi.Environment["TMPDIR"] = workDir;
        psi.Environment["LANG"] = "C.UTF-8";
        return psi;
    }

    /// <summary>SIGKILL to every process the uid may signal, repeated until none is left (ESRCH) so that a child forked while the
    /// first signal went out is caught too; zombies answer too, hence the bound.</summary>
    private const string KillAllOfThisUid =
        "import os, time\nfor _ in range(20):\n    try: os.kill(-1, 9)\n    except ProcessLookupError: break\n    time.sleep(0.01)";

    /// <summary>The start info that kills every process of slot <paramref name="slot"/>'s uid (used after a run in UnsafeNoIsolation mode as
    /// root).</summary>
    public ProcessStartInfo KillSandboxUid(int slot)
    {
        var psi = new ProcessStartInfo(_setpriv!) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in DropToUid(slot).Skip(1)) psi.ArgumentList.Add(arg);
        foreach (var arg in new[] { _options.PythonPath, "-I", "-S", "-c",
            KillAllOfThisUid }) psi.ArgumentList.Add(arg);
        return psi;
    }

    /// <summary>The uid that slot <paramref name="slot"/> runs as.</summary>
    public int Uid(int slot) => _options.SandboxUid + slot;

    private string[] DropToUid(int slot)
    {
        string id = Uid(slot).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [_setpriv!, $"--reuid={id}", $"--regid={id}", "--clear-groups", "--no-new-privs", "--"];
    }

    private IEnumerable<string> BubblewrapArgs(string hostDir)
    {
        var args = new List<string> { _bwrap! };
        if (!_root) args.Add("--unshare-user");
        args.AddRange(["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent",
            "--new-session", "--ro-bind", "/usr", "/usr"]);
        args.AddRange(SystemDirs());
        foreach (var prefix in InterpreterPrefixes(_options.PythonPath)) args.AddRange(["--ro-bind", prefix, prefix]);
        string scratch = ((long)_options.ScratchMb << 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev",
            "--perms", "1777", "--size", scratch, "--tmpfs", ScratchMount, "--dir", "/var", "--symlink", "../tmp", "/var/tmp",
            "--ro-bind", hostDir, HarnessMount, "--remount-ro", "/", "--chdir", ScratchMount, "--"]);
        return args;
    }

    /// <summary>/bin, /lib, … as the host has them: symlinks into /usr (merged /usr) recreated, real directories bound read-only.</summary>
    private static IEnumerable<string> SystemDirs()
    {
        foreach (var name in RootLinks)
        {
            var dir = new DirectoryInfo("/" + name);
            if (dir.LinkTarget is { } target) { yield return "--symlink"; yield return target; yield return dir.FullName; }
            else if (dir.Exists) { yield return "--ro-bind"; yield return dir.FullName; yield return dir.FullName; }
        }
    }

    /// <summary>The installation prefixes (parent of <c>bin/</c>) of an interpreter outside /usr, for the path given and its target.</summary>
    internal static IEnumerable<string> InterpreterPrefixes(string pythonPath)
    {
        string? path = Path.IsPathRooted(pythonPath) ? pythonPath : FindTool(pythonPath, null);
        if (path == null || !File.Exists(path)) return [];
        string? real = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        return new[] { path, real }.Where(p => p != null && !p.StartsWith("/usr/", StringComparison.Ordinal))
            .Select(p => Path.GetDirectoryName(Path.GetDirectoryName(p!)))
            .Where(p => !string.IsNullOrEmpty(p) && p != "/").Select(p => p!).Distinct();
    }

    /// <summary>Runs <c>true</c> under the very bubblewrap arguments the runs use; the problem, or <see langword="null"/> when it works.</summary>
    private static string? Probe(CodeExecutionOptions options, string bwrap)
    {
        var dir = Directory.CreateTempSubdirectory("r1-probe-");
        try
        {
            var args = new SandboxLauncher(options, SandboxMode.Bubblewrap, bwrap, null, null).BubblewrapArgs(dir.FullName).ToList();
            var psi = new ProcessStartInfo(args[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args.Skip(1).Append("true")) psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(10_000)) { process.Kill(true); return "bubblewrap did not start within 10 s"; }
            return process.ExitCode == 0 ? null : $"bubblewrap cannot create the sandbox here (exit {process.ExitCode}: {error.Result.Trim()})";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"bubblewrap failed to start: {ex.Message}";
        }
        finally
        {
            try { dir.Delete(true); } catch (IOException) { }
        }
    }

    private static string? FindTool(string name, string? searchPath)
    {
        var dirs = searchPath != null ? searchPath.Split(':')
            : (Environment.GetEnvironmentVariable("PATH") ?? SandboxPath).Split(':').Concat(["/usr/bin", "/bin", "/usr/sbin", "/sbin"]);
        foreach (var dir in dirs)
        {
            if (dir.Length == 0) continue;
            string path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
