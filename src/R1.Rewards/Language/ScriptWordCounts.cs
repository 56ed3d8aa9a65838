namespace R1.Rewards.Language;

/// <summary>How many counted word units of each <see cref="Script"/> a text has (see <see cref="ScriptWordCounter"/>).</summary>
public sealed class ScriptWordCounts
{
    private static readonly Script[] AllScripts = Enum.GetValues<Script>();
    private readonly int[] _counts = new int[AllScripts.Length];

    /// <summary>The number of units written in <paramref name="script"/>.</summary>
    public int this[Script script] => _counts[(int)script];

    /// <summary>All counted units (every script except <see cref="Script.None"/>).</summary>
    public int Total { get; private set; }

    /// <summary>The units written in any of <paramref name="scripts"/>.</summary>
    public int CountIn(IReadOnlyList<Script> scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        int count = 0;
        for (int i = 0; i < scripts.Count; i++) count += this[scripts[i]];
        return count;
    }

    /// <summary>The script with the most units, or <see cref="Script.None"/> for a text without counted units.</summary>
    public Script Dominant
    {
        get
        {
            var best = Script.None;
            for (int s = 1; s < _counts.Length; s++)
                if (_counts[s] > _counts[(int)best]) best = (Script)s;
            return best;
        }
    }

    internal void Add(Script script)
    {
        if (script == Script.None) return;
        _counts[(int)script]++;
        Total++;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", AllScripts.Where(s => this[s] > 0).Select(s => $"{s} {this[s]}"));
}
