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

    /// <summary>The task type of the fallback route, <c>*</c>: it scores samples whose task type has no route of its own.</summary>
    public const string FallbackRoute = "*";

    /// <summary>
    /// Reward routes by task type (<see cref="Abstractions.RewardSample.TaskType"/>, case-insensitive): the names of the rewards that score
    /// samples of that type, for example <c>{"math": ["math", "format"], "general": ["judge"]}</c>, bound from
    /// <c>Rewards:Routes:math:0 = math</c>, <c>Rewards:Routes:math:1 = format</c>, …. A route here replaces the route the code gave the
    /// same task type with <see cref="ReasoningRewardsBuilder.Route"/>. The task type <see cref="FallbackRoute"/> (<c>*</c>) serves task types
    /// without a route of their own. Default: none, so (with no code routes either) every reward scores every sample.
    /// </summary>
    public Dictionary<string, string[]> Routes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The routes given in code with <see cref="ReasoningRewardsBuilder.Route"/> (kept apart from <see cref="Routes"/>, so that
    /// configuration binding, which appends to existing arrays, never merges into them).</summary>
    internal Dictionary<string, string[]> CodeRoutes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The routes in effect: <see cref="CodeRoutes"/>, with each task type of <see cref="Routes"/> replacing its code route.</summary>
    internal IEnumerable<KeyValuePair<string, string[]>> EffectiveRoutes()
    {
        var merged = new Dictionary<string, string[]>(CodeRoutes, StringComparer.OrdinalIgnoreCase);
        foreach (var (taskType, names) in Routes) merged[taskType] = names;
        return merged;
    }

    /// <summary>The registered rewards, in registration order (names unique; the last registration of a name wins).</summary>
    internal List<RewardRegistration> Registrations { get; } = new();

    internal void Register(RewardRegistration registration)
    {
        int existing = Registrations.FindIndex(r => string.Equals(r.Name, registration.Name, StringComparison.OrdinalIgnoreCase));
        if (existing >= 0) Registrations[existing] = registration;
        else Registrations.Add(registration);
    }
}
