namespace R1.Rewards.Judge;

/// <summary>Parses the judge's reply: exactly <c>CORRECT</c> or <c>INCORRECT</c> (any case), optionally in quotes, bold or followed by a
/// period.</summary>
internal static class JudgeVerdict
{
    private static readonly char[] Decoration = ['*', '"', '\'', '`', '.', '!', ' ', '\n', '\r', '\t'];

    /// <summary>Returns 1 for <c>CORRECT</c>, 0 for <c>INCORRECT</c>, <see langword="null"/> for anything else.</summary>
    public static double? Parse(string? reply)
    {
        if (reply == null) return null;
        string word = reply.Trim(Decoration);
        if (word.Equals("CORRECT", StringComparison.OrdinalIgnoreCase)) return 1.0;
        if (word.Equals("INCORRECT", StringComparison.OrdinalIgnoreCase)) return 0.0;
        return null;
    }
}
