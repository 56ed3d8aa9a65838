namespace R1.Rewards.Composition;

/// <summary>
/// Which rewards score the samples of each task type (<see cref="Abstractions.RewardSample.TaskType"/>): the resolved, validated form of
/// <see cref="ReasoningRewardsBuilder.Route"/> and <see cref="RewardPipelineOptions.Routes"/>. Task types and reward names compare
/// case-insensitively. Without routes every reward scores every sample; with routes a sample without a task type is scored by every
/// reward, a task type without a route takes the <see cref="RewardPipelineOptions.FallbackRoute"/> (<c>*</c>) when there is one, and is
/// otherwise a configuration error.
/// </summary>
internal sealed class RewardRoutes
{
    private readonly Dictionary<string, bool[]> _byTaskType;
    private readonly bool[]? _fallback;

    private RewardRoutes(Dictionary<string, bool[]> byTaskType)
    {
        _byTaskType = byTaskType;
        _byTaskType.Remove(RewardPipelineOptions.FallbackRoute, out _fallback);
    }

    /// <summary>Whether any route is configured (without routes, every reward scores every sample).</summary>
    public bool Any => _byTaskType.Count > 0 || _fallback != null;

    /// <summary>
    /// Resolves <paramref name="routes"/> against the rewards' names.
    /// </summary>
    /// <exception cref="InvalidOperationException">A route names a reward that is not registered, or no reward at all.</exception>
    public static RewardRoutes Create(IReadOnlyList<string> rewardNames, IEnumerable<KeyValuePair<string, string[]>>? routes)
    {
        var map = new Dictionary<string, bool[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (taskType, names) in routes ?? [])
        {
            if (string.IsNullOrWhiteSpace(taskType)) throw new InvalidOperationException("A reward route has an empty task type.");
            if (names == null || names.Length == 0)
                throw new InvalidOperationException($"The reward route for task type '{taskType}' names no reward.");
            var routed = new bool[rewardNames.Count];
            foreach (var name in names)
            {
                int index = IndexOf(rewardNames, name);
                if (index < 0)
                    throw new InvalidOperationException($"The reward route for task type '{taskType}' names the reward '{name}', which is not " +
                        $"registered; registered rewards: {string.Join(", ", rewardNames)}.");
                routed[index] = true;
            }
            map[taskType.Trim()] = routed;
        }
        return new RewardRoutes(map);
    }

    /// <summary>
    /// Which rewards (by index into the reward names) score samples of <paramref name="taskType"/>; <see langword="null"/> means every
    /// reward (no routes, or no task type).
    /// </summary>
    /// <exception cref="InvalidOperationException">Routes exist, none matches <paramref name="taskType"/> and there is no fallback route.</exception>
    public IReadOnlyList<bool>? RoutedFor(string? taskType)
    {
        if (!Any || string.IsNullOrWhiteSpace(taskType)) return null;
        if (_byTaskType.TryGetValue(taskType.Trim(), out var routed)) return routed;
        return _fallback ?? throw new InvalidOperationException($"No reward route for task type '{taskType}'; routes exist for: " +
            $"{string.Join(", ", _byTaskType.Keys.Order(StringComparer.OrdinalIgnoreCase))}. Add a route for it, or a fallback route " +
            $"'{RewardPipelineOptions.FallbackRoute}' (configuration Rewards:Routes:*:0 = a reward name).");
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name?.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
