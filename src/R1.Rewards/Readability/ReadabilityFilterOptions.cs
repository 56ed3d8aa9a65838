namespace R1.Rewards.Readability;

/// <summary>What every readability filter's options share.</summary>
public abstract class ReadabilityFilterOptions
{
    /// <summary>Which text the filter reads. Default: <see cref="ReadabilityTarget.ChainOfThought"/>.</summary>
    public ReadabilityTarget Target { get; set; } = ReadabilityTarget.ChainOfThought;

    /// <summary>Checks the values, naming the bad one.</summary>
    public virtual void Validate()
    {
        if (!Enum.IsDefined(Target)) throw new ArgumentOutOfRangeException(nameof(Target), Target, "Unknown readability target.");
    }
}
