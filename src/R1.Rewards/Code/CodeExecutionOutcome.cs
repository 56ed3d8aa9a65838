namespace R1.Rewards.Code;

/// <summary>How a program run ended.</summary>
public enum CodeExecutionOutcome
{
    /// <summary>The harness ran every test and reported (some tests may have failed).</summary>
    Completed,

    /// <summary>The wall-clock limit was reached; the sandbox was killed.</summary>
    WallTimeExceeded,

    /// <summary>The process was killed by a signal (CPU limit, memory, crash) or exited before reporting every test.</summary>
    Crashed,

    /// <summary>The sandbox or interpreter could not run at all (missing tool, bad configuration, unreachable service).</summary>
    SandboxError,
}
