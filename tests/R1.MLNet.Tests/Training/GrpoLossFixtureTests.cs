using System.Text.Json;
using R1.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace R1.MLNet.Tests.Training;

/// <summary>Checks <see cref="GrpoLoss"/> against the independent PyTorch reference in testdata/fixtures/grpo/cases.json.</summary>
public class GrpoLossFixtureTests
{
    private static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(TestPaths.TestData("fixtures/grpo/cases.json"))).RootElement;

    public static IEnumerable<int> CaseIndices => Enumerable.Range(0, Root.GetProperty("cases").GetArrayLength());

    [TestCaseSource(nameof(CaseIndices))]
    public void Advantages_loss_and_gradient_match_the_reference(int index)
    {
        var c = Root.GetProperty("cases")[index];
        var settings = new GrpoLossSettings(
            EpsilonLow: c.GetProperty("epsilon_low").GetDouble(),
            EpsilonHigh: c.GetProperty("epsilon_high").GetDouble(),
            Beta: c.GetProperty("beta").GetDouble(),
            LossType: c.GetProperty("loss_type").GetString() switch
            {
                "grpo" => GrpoLossType.Grpo, "dapo" => GrpoLossType.Dapo, "dr_grpo" => GrpoLossType.DrGrpo,
                var s => throw new InvalidDataException(s),
            });
        using var scope = NewDisposeScope();
        var logp = Matrix("logp").requires_grad_(true);
        var rewards = tensor(Vector(Root.GetProperty("rewards")), Dtype);

        var advantages = GrpoLoss.Advantages(rewards, c.GetProperty("num_generations").GetInt32(), c.GetProperty("scale_rewards").GetBoolean());
        var output = GrpoLoss.Compute(logp, Matrix("old_logp"), Matrix("ref_logp"), Matrix("completion_mask"), advantages, settings);
        output.Loss.backward();

        ExpectClose(advantages.to_type(float64).data<double>().ToArray(), Vector(c.GetProperty("expected_advantages")), "advantages");
        ExpectClose([output.Loss.ToDouble()], [c.GetProperty("expected_loss").GetDouble()], "loss");
        ExpectClose(logp.grad!.reshape(-1).to_type(float64).data<double>().ToArray(), Flatten(c.GetProperty("expected_grad_logp")), "d(loss)/d(logp)");
    }

    [Test]
    public void Identical_rewards_give_zero_advantages()
    {
        using var scope = NewDisposeScope();
        var advantages = GrpoLoss.Advantages(tensor(new[] { 2.0, 2.0, 2.0, 2.0 }, float64), 4, scaleRewards: true);
        advantages.data<double>().ToArray().Should().AllBeEquivalentTo(0.0);
    }

    [Test]
    public void Bad_shapes_are_rejected_with_a_clear_message()
    {
        using var scope = NewDisposeScope();
        var act = () => GrpoLoss.Advantages(zeros(7), 4, true);
        act.Should().Throw<ArgumentException>().WithMessage("*multiple of the group size 4*");
        var logp = zeros(2, 3);
        var bad = () => GrpoLoss.Compute(logp, zeros(2, 4), null, ones(2, 3), zeros(2), new GrpoLossSettings(Beta: 0));
        bad.Should().Throw<ArgumentException>().WithMessage("*oldLogp*");
    }

    private static readonly ScalarType Dtype = float32;   // the reference's dtype

    private static Tensor Matrix(string name) => tensor(Flatten(Root.GetProperty(name)), Dtype).reshape(8, 6);

    private static double[] Vector(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    private static double[] Flatten(JsonElement e) => e.EnumerateArray().SelectMany(Vector).ToArray();

    // The reference ran in float32 and its file rounds every number to 8 decimals: 1e-6 relative, plus half a unit of that rounding.
    private static void ExpectClose(double[] actual, double[] expected, string what)
    {
        actual.Length.Should().Be(expected.Length, what);
        for (int i = 0; i < actual.Length; i++)
            Math.Abs(actual[i] - expected[i]).Should().BeLessThanOrEqualTo(1e-6 * Math.Abs(expected[i]) + 0.5e-8,
                $"{what}[{i}]: {actual[i]} vs {expected[i]}");
    }
}
