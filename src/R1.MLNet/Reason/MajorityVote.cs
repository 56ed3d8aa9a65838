namespace R1.MLNet.Reason;

/// <summary>Majority voting over sampled answers (the paper's cons@k).</summary>
internal static class MajorityVote
{
    /// <summary>
    /// Groups <paramref name="answers"/> by <see cref="IAnswerMatcher.AreEquivalent"/> (each group is represented by its first
    /// member) and returns the index of the first member of the largest group; ties go to the group seen first.
    /// Missing answers (<see langword="null"/>) never vote. Returns -1 when no sample has an answer.
    /// </summary>
    public static int Winner(IReadOnlyList<string?> answers, IAnswerMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(matcher);
        var groups = new List<(int First, int Votes)>();
        for (int i = 0; i < answers.Count; i++)
        {
            if (answers[i] is not { } answer) continue;
            int g = groups.FindIndex(x => matcher.AreEquivalent(answer, answers[x.First]!));
            if (g < 0) groups.Add((i, 1));
            else groups[g] = (groups[g].First, groups[g].Votes + 1);
        }
        if (groups.Count == 0) return -1;
        var best = groups[0];
        foreach (var group in groups)
            if (group.Votes > best.Votes) best = group;
        return best.First;
    }
}
