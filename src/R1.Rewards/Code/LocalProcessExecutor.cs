using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace R1.Rewards.Code;

/// <summary>
/// Runs each program in its own sandboxed Python processes on this machine (see <see cref="SandboxMode"/>), with wall-clock,
/// CPU, memory, process, file-size, scratch-space and output limits. The job (program and tests) travels on stdin, never
/// through a file; the harness judges the tests in a process the program cannot reach (see <c>docs/rewards-code.md</c>).
/// At most <see cref="CodeExecutionOptions.MaxParallelProcesses"/> run at once. When the sandbox cannot be set up no code
/// runs: see <see cref="CodeExecutionOptions.WhenSandboxUnavailable"/>.
/// </summary>
public sealed class LocalProcessExecutor : ICodeExecutor, IDisposable
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SweepLimit = TimeSpan.FromSeconds(30);
    private readonly CodeExecutionOptions _options;
    private readonly SandboxSlots _slots;
    private readonly Lazy<SandboxLauncher> _launcher;

    /// <summary>
    /// Creates the executor. The sandbox is probed (and the choice logged) on first use, or here when
    /// <see cref="CodeExecutionOptions.WhenSandboxUnavailable"/> is <see cref="SandboxUnavailableBehavior.Throw"/>, which then throws
    /// an <see cref="InvalidOperationException"/> if the sandbox cannot be set up.
    /// </summary>
    public LocalProcessExecutor(CodeExecutionOptions options, ILogger? logger = null)
        : this(options, logger, searchPath: null) { }

    /// <summary>Creates the executor looking for <c>bwrap</c> and <c>setpriv</c> only in <paramref name="searchPath"/> (tests).</summary>
    internal LocalProcessExecutor(CodeExecutionOptions options, ILogger? logger, string? searchPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _slots = new SandboxSlots(options.MaxParallelProcesses);
        _launcher = new Lazy<SandboxLauncher>(() => SandboxLauncher.Create(options, logger ?? NullLogger.Instance, searchPath));
        if (options.WhenSandboxUnavailable == SandboxUnavailableBehavior.Throw) _ = _launcher.Value;
    }

    /// <summary>The sandbox mode in effect (resolving <see cref="SandboxMode.Auto"/> probes the machine; it is never
    /// <see cref="SandboxMode.UnsafeNoIsolation"/> unless that was chosen).</summary>
    public SandboxMode EffectiveMode => _launcher.Value.Mode;

    /// <summary>Why no code can run here (the sandbox could not be set up), or <see langword="null"/> when it can.</summary>
    internal string? SandboxProblem => _launcher.Value.Unavailable;

    /// <inheritdoc />
    public async ValueTask<CodeExecutionResult> ExecuteAsync(CodeExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var launcher = _launcher.Value;
        if (launcher.Unavailable != null) return CodeExecutionResult.SandboxFailure(launcher.Unavailable);
        using var lease = await _slots.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var workDir = Directory.CreateTempSubdirectory("r1-code-");
        try
        {
            PrepareWorkDir(workDir.FullName, launcher.Mode);
            string job = PythonHarness.Job(request, _options);
            return await RunAsync(launcher, workDir.FullName, job, lease.Slot, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(workDir);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    /// <summary>The run's host directory holds only the harness. Bubblewrap mounts it read-only (the program writes to its private
    /// tmpfs); without isolation it is also the writable working directory.</summary>
    private static void PrepareWorkDir(string dir, SandboxMode mode)
    {
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.WriteAllText(Path.Combine(dir, PythonHarness.ScriptName), PythonHarness.Script);
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(Path.Combine(dir, PythonHarness.ScriptName), readable);
        File.SetUnixFileMode(dir, mode == SandboxMode.Bubblewrap ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b111_111_111);
    }

    private async Task<CodeExecutionResult> RunAsync(SandboxLauncher launcher, string workDir, string job, int slot,
        CancellationToken cancellationToken)
    {
        string nonce = PythonHarness.NewNonce();
        var wall = TimeSpan.FromSeconds(_options.WallTimeSeconds);
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = launcher.Build(workDir, slot) };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return CodeExecutionResult.SandboxFailure($"could not start {process.StartInfo.FileName}: {ex.Message}");
        }
        using var drainCts = new CancellationTokenSource();
        var (stdout, stdoutDone) = BoundedCapture.Start(process.StandardOutput.BaseStream, _options.MaxOutputBytes, drainCts.Token);
        var (stderr, stderrDone) = BoundedCapture.Start(process.StandardError.BaseStream, _options.MaxOutputBytes, drainCts.Token);
        var sending = SendJobAsync(process, nonce, job); // concurrently: a large job must not block the wall-clock wait

        bool timedOut = await WaitAsync(process, wall, cancellationToken).ConfigureAwait(false);
        if (timedOut || cancellationToken.IsCancellationRequested) Kill(process);
        await WithinGraceAsync(process.WaitForExitAsync(CancellationToken.None)).ConfigureAwait(false);
        await WithinGraceAsync(sending).ConfigureAwait(false);
        if (launcher.SweepsUid) await SweepAsync(launcher, slot).ConfigureAwait(false);
        if (!await WithinGraceAsync(Task.WhenAll(stdoutDone, stderrDone)).ConfigureAwait(false)) drainCts.Cancel();
        cancellationToken.ThrowIfCancellationRequested();

        var report = HarnessReport.Parse(nonce, stdout.Text);
        return report.ToResult(process.HasExited ? process.ExitCode : 137, timedOut, stderr.Text, clock.Elapsed, wall);
    }

    /// <summary>Sends the nonce line, then the job, on stdin: the program never finds the tests in a file.</summary>
    private static async Task SendJobAsync(Process process, string nonce, string job)
    {
        try
        {
            await process.StandardInput.WriteLineAsync(nonce).ConfigureAwait(false);
            await process.StandardInput.WriteAsync(job).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException) { } // the program already exited: its report (none) says so
        catch (ObjectDisposedException) { }
    }

    /// <summary>Waits for the process to exit; true when the wall-clock limit passed first.</summary>
    private static async Task<bool> WaitAsync(Process process, TimeSpan wall, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wall);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException)
        {
            return !cancellationToken.IsCancellationRequested;
        }
    }

    private static void Kill(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // already exited
        catch (System.ComponentModel.Win32Exception) { }
    }

    private static async Task SweepAsync(SandboxLauncher launcher, int slot)
    {
        try
        {
            // Awaited to the end, not for a grace period: on a loaded machine the interpreter alone can take seconds to start, and the
            // next run in this slot must not begin while the previous run's processes live.
            using var sweep = Process.Start(launcher.KillSandboxUid(slot))!;
            using var limit = new CancellationTokenSource(SweepLimit);
            try { await sweep.WaitForExitAsync(limit.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { Kill(sweep); }
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException) { }
    }

    /// <summary>Waits for <paramref name="task"/> at most <see cref="DrainGrace"/>; true when it finished.</summary>
    private static async Task<bool> WithinGraceAsync(Task task)
    {
        var first = await Task.WhenAny(task, Task.Delay(DrainGrace, CancellationToken.None)).ConfigureAwait(false);
        return first == task;
    }

    private static void TryDelete(DirectoryInfo dir)
    {
        try { dir.Delete(recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
