namespace R1.Rewards.Code;

/// <summary>What the local executor does when its sandbox cannot be set up (no <c>bwrap</c>, or no namespaces on this machine).</summary>
public enum SandboxUnavailableBehavior
{
    /// <summary>Log an error once and score every code sample "not applicable" with the reason; no code runs.</summary>
    NotApplicable,

    /// <summary>Throw an <see cref="InvalidOperationException"/> naming the problem when the executor is created (at start-up).</summary>
    Throw,
}
