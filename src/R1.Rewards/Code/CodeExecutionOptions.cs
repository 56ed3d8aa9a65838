namespace R1.Rewards.Code;

/// <summary>
/// Options of the code accuracy reward, bound from the configuration subsection <c>Rewards:Code</c>.
/// The defaults suit HumanEval-sized problems on a small machine.
/// </summary>
public sealed class CodeExecutionOptions
{
    /// <summary>The configuration subsection name: <c>Code</c>.</summary>
    public const string SectionName = "Code";

    /// <summary>Wall-clock limit of one run (program plus all its tests); the whole sandbox is killed after it. Default: 10 seconds.</summary>
    public double WallTimeSeconds { get; set; } = 10;

    /// <summary>CPU-time limit of the program (<c>RLIMIT_CPU</c>). Default: 5 seconds.</summary>
    public int CpuSeconds { get; set; } = 5;

    /// <summary>Address-space limit of each process (<c>RLIMIT_AS</c>), in MiB. Default: 1024.</summary>
    public int MemoryMb { get; set; } = 1024;

    /// <summary>The most processes (and threads) the program may have at once (<c>RLIMIT_NPROC</c>, per sandbox uid). Default: 32.</summary>
    public int MaxProcesses { get; set; } = 32;

    /// <summary>The largest file the program may write (<c>RLIMIT_FSIZE</c>), in MiB. Default: 16.</summary>
    public int MaxFileMb { get; set; } = 16;

    /// <summary>Bytes of the program's output (stdout and stderr each) kept for diagnostics; the rest is discarded. Default: 65536.</summary>
    public int MaxOutputBytes { get; set; } = 64 * 1024;

    /// <summary>How test results become a score. Default: <see cref="CodeScoringMode.FractionOfTests"/>.</summary>
    public CodeScoringMode ScoringMode { get; set; } = CodeScoringMode.FractionOfTests;

    /// <summary>How many sandboxed programs run at once. Default: the processor count.</summary>
    public int MaxParallelProcesses { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// The Python interpreter. Default: <c>/usr/bin/python3</c> when it exists (readable by the sandbox uid), else <c>python3</c> from <c>PATH</c>.
    /// </summary>
    public string PythonPath { get; set; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>
    /// How the local executor isolates programs. Default: <see cref="SandboxMode.Auto"/> (bubblewrap, failing closed; running
    /// without isolation needs <see cref="SandboxMode.UnsafeNoIsolation"/>).
    /// </summary>
    public SandboxMode Sandbox { get; set; } = SandboxMode.Auto;

    /// <summary>
    /// What happens when the sandbox cannot be set up: every code sample scores "not applicable" with the reason and an error is
    /// logged, or the executor throws when it is created. Default: <see cref="SandboxUnavailableBehavior.NotApplicable"/>.
    /// </summary>
    public SandboxUnavailableBehavior WhenSandboxUnavailable { get; set; } = SandboxUnavailableBehavior.NotApplicable;

    /// <summary>
    /// Size of the sandbox's private <c>/tmp</c> (also <c>/var/tmp</c> and the working directory), in MiB: the most bytes a program
    /// can write in all (bubblewrap only). Default: 64.
    /// </summary>
    public int ScratchMb { get; set; } = 64;

    /// <summary>
    /// When running as root, programs run as uid <c>SandboxUid + slot</c> (one uid per parallel slot, so one program's
    /// processes never count against another's limit). Default: 61000.
    /// </summary>
    public int SandboxUid { get; set; } = 61000;

    /// <summary>
    /// Base URL of a Piston-compatible execution service (for example <c>http://piston:2000</c>); when set, programs run there
    /// (<c>POST /api/v2/execute</c>) instead of locally. Default: none (local sandbox).
    /// </summary>
    public string? RemoteUrl { get; set; }

    /// <summary>The language the remote service is asked for. Default: <c>python</c>.</summary>
    public string RemoteLanguage { get; set; } = "python";

    /// <summary>The language version the remote service is asked for (<c>*</c> takes the newest installed). Default: <c>*</c>.</summary>
    public string RemoteLanguageVersion { get; set; } = "*";

    /// <summary>Checks the options and throws an <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        Positive(WallTimeSeconds, nameof(WallTimeSeconds));
        Positive(CpuSeconds, nameof(CpuSeconds));
        Positive(MemoryMb, nameof(MemoryMb));
        Positive(MaxProcesses, nameof(MaxProcesses));
        Positive(MaxFileMb, nameof(MaxFileMb));
        Positive(ScratchMb, nameof(ScratchMb));
        Positive(MaxOutputBytes, nameof(MaxOutputBytes));
        Positive(MaxParallelProcesses, nameof(MaxParallelProcesses));
        if (!Enum.IsDefined(Sandbox))
            throw new ArgumentException($"CodeExecutionOptions.Sandbox '{Sandbox}' is not a sandbox mode.", nameof(Sandbox));
        if (!Enum.IsDefined(WhenSandboxUnavailable))
            throw new ArgumentException($"CodeExecutionOptions.WhenSandboxUnavailable '{WhenSandboxUnavailable}' is not a behaviour.",
                nameof(WhenSandboxUnavailable));
        if (string.IsNullOrWhiteSpace(PythonPath)) throw new ArgumentException("CodeExecutionOptions.PythonPath must name a Python interpreter.",
            nameof(PythonPath));
        if (SandboxUid <= 0) throw new ArgumentException($"CodeExecutionOptions.SandboxUid must be a non-root uid, got {SandboxUid}.",
            nameof(SandboxUid));
        if (RemoteUrl != null && !Uri.TryCreate(RemoteUrl, UriKind.Absolute, out _))
            throw new ArgumentException($"CodeExecutionOptions.RemoteUrl '{RemoteUrl}' is not an absolute URL.", nameof(RemoteUrl));
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentException($"CodeExecutionOptions.{name} must be positive, got {value}.", name);
    }
}
