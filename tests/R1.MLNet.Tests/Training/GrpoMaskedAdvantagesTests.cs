using R1.MLNet.Training;
using static TorchSharp.torch;

namespace R1.MLNet.Tests.Training;

public class GrpoMaskedAdvantagesTests
{
    private static readonly float[] Rewards = [0.1f, 0.9f, 0.4f, 0.4f, 1f, 0f, 0.25f, 0.75f, 3f, 3f, 3f, 2f];

    [TestCase(true)]
    [TestCase(false)]
    public void With_every_sample_present_it_gives_the_same_floats_as_Advantages(bool scale)
    {
        using var rewards = tensor(Rewards);
        using var present = ones(Rewards.Length);

        var masked = GrpoLoss.MaskedAdvantages(rewards, present, 4, scale).data<float>().ToArray();

        masked.Should().Equal(GrpoLoss.Advantages(rewards, 4, scale).data<float>().ToArray());
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_missing_sample_gets_zero_and_its_group_is_normalised_over_the_present_ones(bool scale)
    {
        using var rewards = tensor(Rewards);
        var mask = Enumerable.Repeat(1f, Rewards.Length).ToArray();
        mask[1] = 0;                     // group 0: 0.1, _, 0.4, 0.4
        mask[5] = mask[6] = mask[7] = 0; // group 1: 1 alone: nothing to compare it with
        using var present = tensor(mask);

        var a = GrpoLoss.MaskedAdvantages(rewards, present, 4, scale).data<float>().ToArray();

        using var group0 = tensor(new[] { 0.1f, 0.4f, 0.4f });
        var expected0 = GrpoLoss.Advantages(group0, 3, scale).data<float>().ToArray();
        new[] { a[0], a[2], a[3] }.Should().BeEquivalentTo(expected0, o => o.WithStrictOrdering()
            .Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-5f)).WhenTypeIs<float>());
        a[1].Should().Be(0);
        a.Skip(4).Take(4).Should().OnlyContain(x => x == 0);
        a.Skip(8).Should().Equal(GrpoLoss.Advantages(tensor(new[] { 3f, 3f, 3f, 2f }), 4, scale).data<float>().ToArray(),
            "a full group is unaffected by the other groups' missing samples");
        a.Should().OnlyContain(x => float.IsFinite(x));
    }

    [Test]
    public void The_mask_must_match_the_rewards()
    {
        using var rewards = tensor(Rewards);
        using var present = ones(3);
        FluentActions.Invoking(() => GrpoLoss.MaskedAdvantages(rewards, present, 4, true)).Should().Throw<ArgumentException>()
            .WithMessage("*present*");
    }
}
