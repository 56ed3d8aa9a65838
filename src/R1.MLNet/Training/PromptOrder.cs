namespace R1.MLNet.Training;

/// <summary>
/// Which training prompts each step uses: the examples are visited epoch by epoch, each epoch in a fresh permutation seeded by
/// (seed, epoch). The batch of step <c>s</c> depends only on <c>s</c>, so a resumed run sees the same prompts as an uninterrupted one.
/// </summary>
internal sealed class PromptOrder(int count, int seed)
{
    private readonly Dictionary<long, int[]> _epochs = new();

    /// <summary>The example indices of step <paramref name="step"/> (0-based), <paramref name="size"/> of them.</summary>
    public IReadOnlyList<int> Batch(int step, int size)
    {
        var result = new int[size];
        for (int j = 0; j < size; j++)
        {
            long k = (long)step * size + j;
            result[j] = Permutation(k / count)[(int)(k % count)];
        }
        return result;
    }

    private int[] Permutation(long epoch)
    {
        if (_epochs.TryGetValue(epoch, out var perm)) return perm;
        perm = Enumerable.Range(0, count).ToArray();
        new Random(unchecked(seed * 1_000_003 + (int)epoch * 7_919 + 17)).Shuffle(perm);   // stable across processes (unlike HashCode)
        if (_epochs.Count > 4) _epochs.Clear();
        return _epochs[epoch] = perm;
    }
}
