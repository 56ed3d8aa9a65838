using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace R1.Rewards.Code;

/// <summary>
/// Runs each program in its own sandboxed Python process on this machine (see <see cref="SandboxMode"/>), in a fresh
/// temporary working directory that is deleted afterwards, with wall-clock, CPU, memory, process, file-size and output
/// limits. At most <see cref="CodeExecutionOptions.MaxParallelProcesses"/> run at once.
/// </summary>
public sealed class LocalProcessExecutor : ICodeExecutor, IDisposable
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);
    private readonly CodeExecutionOptions _options;
    private readonly SandboxSlots _slots;
    private readonly Lazy<SandboxLauncher> _launcher;

    /// <summary>Creates the executor; the sandbox is probed (and the choice logged) on first use.</summary>
    public LocalProcessExecutor(CodeExecutionOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _slots = new SandboxSlots(options.MaxParallelProcesses);
        _launcher = new Lazy<SandboxLauncher>(() => SandboxLauncher.Create(options, logger ?? NullLogger.Instance));
    }

    /// <summary>The sandbox mode in effect (resolving <see cref="SandboxMode.Auto"/> probes the machine).</summary>
    public SandboxMode EffectiveMode => _launcher.Value.Mode;

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
            PrepareWorkDir(workDir.FullName, request);
            return await RunAsync(launcher, workDir.FullName, lease.Slot, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(workDir);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private void PrepareWorkDir(string dir, CodeExecutionRequest request)
    {
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.WriteAllText(Path.Combine(dir, PythonHarness.ScriptName), PythonHarness.Script);
        File.WriteAllText(Path.Combine(dir, PythonHarness.JobName), PythonHarness.Job(request, _options));
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(Path.Combine(dir, PythonHarness.ScriptName), readable);
        File.SetUnixFileMode(Path.Combine(dir, PythonHarness.JobName), readable);
        // The sandbox uid must be able to read the job, delete it, and write scratch files here.
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
    }

    private async Task<CodeExecutionResult> RunAsync(SandboxLauncher launcher, string workDir, int slot, CancellationToken cancellationToken)
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
        await SendNonceAsync(process, nonce).ConfigureAwait(false);

        bool timedOut = await WaitAsync(process, wall, cancellationToken).ConfigureAwait(false);
        if (timedOut || cancellationToken.IsCancellationRequested) Kill(process);
        await WithinGraceAsync(process.WaitForExitAsync(CancellationToken.None)).ConfigureAwait(false);
        if (launcher.SweepsUid) await SweepAsync(launcher, slot).ConfigureAwait(false);
        if (!await WithinGraceAsync(Task.WhenAll(stdoutDone, stderrDone)).ConfigureAwait(false)) drainCts.Cancel();
        cancellationToken.ThrowIfCancellationRequested();

        var report = HarnessReport.Parse(nonce, stdout.Text);
        return report.ToResult(process.HasExited ? process.ExitCode : 137, timedOut, stderr.Text, clock.Elapsed, wall);
    }

    private static async Task SendNonceAsync(Process process, string nonce)
    {
        try
        {
            await process.StandardInput.WriteLineAsync(nonce).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException) { } // the program already exited: its report (none) says so
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
            using var sweep = Process.Start(launcher.KillSandboxUid(slot))!;
            await WithinGraceAsync(sweep.WaitForExitAsync(CancellationToken.None)).ConfigureAwait(false);
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
