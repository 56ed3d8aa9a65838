namespace R1.Rewards.Code;

/// <summary>How the local executor isolates the candidate program.</summary>
public enum SandboxMode
{
    /// <summary>Bubblewrap when <c>bwrap</c> is installed and works, otherwise <see cref="RlimitsOnly"/> with a logged warning.</summary>
    Auto,

    /// <summary>
    /// Bubblewrap (<c>bwrap</c>): new network, PID, IPC and UTS namespaces, a read-only root, a private <c>/tmp</c>, a throw-away
    /// writable working directory, killed with its parent; plus the resource limits, as a dedicated non-root uid.
    /// When <c>bwrap</c> is missing or fails, every sample scores "not applicable" with that diagnostic.
    /// </summary>
    Bubblewrap,

    /// <summary>
    /// Resource limits only (address space, CPU, processes, file size) in a fresh temporary directory, as a dedicated
    /// non-root uid when the host runs as root. No network or file-system isolation: for trusted code or when bwrap is unavailable.
    /// </summary>
    RlimitsOnly,
}
