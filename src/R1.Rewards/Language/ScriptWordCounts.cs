namespace R1.Rewards.Language;

/// <summary>How many counted word units of each <see cref="Script"/> a text has (see <see cref="ScriptWordCounter"/>).</summary>
public sealed class ScriptWordCounts
{
    private readonly int[] _counts = new int[Enum.GetValues<Script>().Length];

    /// <summary>The number of units written in <paramref name="script"/>.</summary>
    public int this[Script script] => _counts[(int)script];

    /// <summary>All counted units (every script except <see cref="Script.None"/>).</summary>
    public int Total { get; private set; }

    /// <summary>The units written in any of <paramref name="scripts"/>.</summary>
    public int CountIn(IReadOnlyCollection<Script> scripts) => scripts.Sum(s => this[s]);

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
        string.Join(", ", Enum.GetValues<Script>().Where(s => this[s] > 0).Select(s => $"{s} {this[s]}"));
}
