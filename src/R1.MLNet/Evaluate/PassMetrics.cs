namespace R1.MLNet.Evaluate;

/// <summary>
/// The paper's evaluation metrics as pure functions over per-sample correctness.
/// With <c>k</c> samples per question: pass@1 = mean correctness over all samples (then over questions);
/// cons@k = the majority-voted answer is correct.
/// </summary>
public static class PassMetrics
{
    /// <summary>pass@1 of one question: the fraction of its <paramref name="correct"/> samples that are correct.</summary>
    public static double PassAt1(IReadOnlyList<bool> correct)
    {
        ArgumentNullException.ThrowIfNull(correct);
        if (correct.Count == 0) throw new ArgumentException("A question needs at least one sample.", nameof(correct));
        return correct.Count(c => c) / (double)correct.Count;
    }

    /// <summary>
    /// The unbiased pass@k estimator (Chen et al., 2021): the probability that at least one of <paramref name="k"/>
    /// samples drawn without replacement from <paramref name="n"/> (with <paramref name="c"/> correct) is correct.
    /// </summary>
    public static double PassAtK(int n, int c, int k)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be positive.");
        if (c < 0 || c > n) throw new ArgumentOutOfRangeException(nameof(c), c, $"c must be in [0, {n}].");
        if (k <= 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, {n}].");
        if (n - c < k) return 1.0;
        double allWrong = 1.0;   // C(n-c, k) / C(n, k) as a product
        for (int i = n - c + 1; i <= n; i++) allWrong *= 1.0 - k / (double)i;
        return 1.0 - allWrong;
    }

    /// <summary>The mean of per-question values (pass@1 or 0/1 cons@k outcomes).</summary>
    public static double Mean(IReadOnlyList<double> perQuestion)
    {
        ArgumentNullException.ThrowIfNull(perQuestion);
        return perQuestion.Count == 0 ? 0.0 : perQuestion.Average();
    }
}
