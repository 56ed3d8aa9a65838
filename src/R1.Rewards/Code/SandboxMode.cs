namespace R1.Rewards.Code;

/// <summary>How the local executor isolates the candidate program. No mode falls back to running code without isolation.</summary>
public enum SandboxMode
{
    /// <summary>
    /// The default: <see cref="Bubblewrap"/>. When <c>bwrap</c> is missing or cannot create namespaces here, code is never run
    /// unsandboxed: the reward fails closed as <see cref="CodeExecutionOptions.WhenSandboxUnavailable"/> says.
    /// </summary>
    Auto,

    /// <summary>
    /// Bubblewrap (<c>bwrap</c>): new user (unless root), network, PID, IPC and UTS namespaces, only <c>/usr</c> (and the
    /// interpreter's prefix) mounted read-only, a private size-limited <c>/tmp</c> (<see cref="CodeExecutionOptions.ScratchMb"/>)
    /// that is also <c>/var/tmp</c> and the working directory, read-only <c>/dev</c>, killed with its parent; plus the resource
    /// limits, as a dedicated non-root uid. When <c>bwrap</c> is missing or fails, the reward fails closed as
    /// <see cref="CodeExecutionOptions.WhenSandboxUnavailable"/> says.
    /// </summary>
    Bubblewrap,

    /// <summary>
    /// UNSAFE: resource limits only (address space, CPU, processes, file size) in a fresh temporary directory, as a dedicated
    /// non-root uid when the host runs as root. No network or file-system isolation, no cap on the total bytes written: the
    /// program can read the host's files and reach its sockets. Only for trusted code; it must be chosen explicitly.
    /// </summary>
    UnsafeNoIsolation,
}
