namespace R1.Rewards.Composition;

/// <summary>
/// Options of the reward pipeline, bound from the configuration section <c>Rewards</c> when one is given.
/// </summary>
public sealed class RewardPipelineOptions
{
    /// <summary>The configuration section name: <c>Rewards</c>.</summary>
    public const string SectionName = "Rewards";

    /// <summary>Weight overrides by reward name (for example <c>{"math": 1.0, "format": 0.5}</c>). Default: none, so each registration's own weight
    /// applies.</summary>
    public Dictionary<string, double> Weights { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The longest time one reward may take on one batch before all its scores of that batch are missing (with a warning);
    /// enforced even for a reward that ignores its cancellation token (it is abandoned). Default: 5 minutes.</summary>
    public TimeSpan RewardTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The registered rewards, in registration order (names unique; the last registration of a name wins).</summary>
    internal List<RewardRegistration> Registrations { get; } = new();

    internal void Register(RewardRegistration registration)
    {
        int existing = Registrations.FindIndex(r => string.Equals(r.Name, registration.Name, StringComparison.OrdinalIgnoreCase));
        if (existing >= 0) Registrations[existing] = registration;
        else Registrations.Add(registration);
    }
}
