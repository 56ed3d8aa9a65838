namespace R1.Rollout.Engines;

/// <summary>A rollout engine failed: a server answered with an error, every attempt failed, or the server does not match the policy.</summary>
public sealed class RolloutEngineException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public RolloutEngineException(string message) : base(message) { }

    /// <summary>Creates the exception with its message and the error that caused it.</summary>
    public RolloutEngineException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Whether another attempt may succeed (the server was unreachable, timed out, overloaded or failed with a 5xx).</summary>
    public bool IsTransient { get; init; }
}
