using R1.MLNet.Evaluate;

namespace R1.MLNet.Tests.Evaluate;

public class PassMetricsTests
{
    [Test]
    public void Pass_at_1_is_the_fraction_of_correct_samples()
    {
        PassMetrics.PassAt1([true, false, true, true]).Should().Be(0.75);
        PassMetrics.PassAt1([false]).Should().Be(0.0);
        var empty = () => PassMetrics.PassAt1([]);
        empty.Should().Throw<ArgumentException>();
    }

    [TestCase(5, 2, 1, 0.4)]
    [TestCase(4, 1, 2, 0.5)]       // 1 - C(3,2)/C(4,2) = 1 - 3/6
    [TestCase(10, 0, 3, 0.0)]
    [TestCase(4, 3, 2, 1.0)]       // fewer wrong samples than k
    [TestCase(6, 2, 3, 0.8)]       // 1 - C(4,3)/C(6,3) = 1 - 4/20
    public void Unbiased_pass_at_k_matches_the_combinatorial_formula(int n, int c, int k, double expected) =>
        PassMetrics.PassAtK(n, c, k).Should().BeApproximately(expected, 1e-12);

    [Test]
    public void Pass_at_k_with_k_1_equals_pass_at_1()
    {
        bool[] samples = [true, false, false, true, true];
        PassMetrics.PassAtK(samples.Length, samples.Count(s => s), 1).Should().BeApproximately(PassMetrics.PassAt1(samples), 1e-12);
    }

    [Test]
    public void Invalid_counts_are_rejected_with_the_argument_named()
    {
        var badC = () => PassMetrics.PassAtK(3, 4, 1);
        badC.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("c");
    }
}
