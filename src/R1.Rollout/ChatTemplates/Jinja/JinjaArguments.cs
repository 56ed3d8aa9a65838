namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>The evaluated arguments of a call, filter or test: positional values, then keyword values.</summary>
internal sealed class JinjaArguments(IReadOnlyList<object?> positional, IReadOnlyDictionary<string, object?> named)
{
    public static JinjaArguments Empty { get; } = new([], new Dictionary<string, object?>());

    public IReadOnlyList<object?> Positional { get; } = positional;

    public IReadOnlyDictionary<string, object?> Named { get; } = named;

    /// <summary>The argument at <paramref name="index"/> or named <paramref name="name"/>, else <paramref name="fallback"/>.</summary>
    public object? Get(int index, string name, object? fallback = null) =>
        index < Positional.Count ? Positional[index] : Named.TryGetValue(name, out var v) ? v : fallback;

    /// <summary>Whether the argument was given at all.</summary>
    public bool Has(int index, string name) => index < Positional.Count || Named.ContainsKey(name);

    /// <summary>Fails when more than <paramref name="max"/> positional arguments or an unknown keyword was given.</summary>
    public JinjaArguments Expect(string function, int max, params string[] names)
    {
        if (Positional.Count > max) throw new JinjaError($"{function}() takes at most {max} positional arguments ({Positional.Count} given)");
        foreach (var key in Named.Keys)
            if (!names.Contains(key)) throw new JinjaError($"{function}() got an unexpected keyword argument '{key}'");
        return this;
    }
}
