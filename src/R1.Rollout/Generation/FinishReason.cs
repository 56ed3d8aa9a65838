namespace R1.Rollout.Generation;

/// <summary>Why a completion ended.</summary>
public enum FinishReason
{
    /// <summary>An EOS id or a stop string was produced.</summary>
    Stop,

    /// <summary>The token budget (or the context) ran out.</summary>
    Length,
}
