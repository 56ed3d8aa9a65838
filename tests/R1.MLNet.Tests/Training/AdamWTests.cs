using R1.MLNet.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace R1.MLNet.Tests.Training;

public class AdamWTests
{
    [Test]
    public void Matches_torch_optim_AdamW_and_round_trips_its_state_exactly()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var init = randn(4, 3);
        var ours = new Parameter(init.clone());
        var theirs = new Parameter(init.clone());
        using var adam = new AdamWOptimizer([("w", ours)], 0.9, 0.99, 1e-8, weightDecay: 0.1);
        var reference = optim.AdamW([theirs], lr: 0.01, beta1: 0.9, beta2: 0.99, eps: 1e-8, weight_decay: 0.1);
        for (int step = 0; step < 5; step++)
        {
            var target = randn(4, 3);
            ((ours - target).pow(2).sum()).backward();
            ((theirs - target).pow(2).sum()).backward();
            adam.Step(0.01);
            reference.step();
            adam.ZeroGrad();
            reference.zero_grad();
        }
        (ours - theirs).abs().max().ToDouble().Should().BeLessThan(1e-6);

        using var stream = new MemoryStream();
        adam.Save(new BinaryWriter(stream));
        var copy = new Parameter(ours.detach().clone());
        using var restored = new AdamWOptimizer([("w", copy)], 0.9, 0.99, 1e-8, weightDecay: 0.1);
        stream.Position = 0;
        restored.Load(new BinaryReader(stream));
        restored.StepCount.Should().Be(5);
        var g = randn(4, 3);
        ours.grad = g.clone();
        copy.grad = g.clone();
        adam.Step(0.01);
        restored.Step(0.01);
        ours.data<float>().ToArray().Should().Equal(copy.data<float>().ToArray(), "the restored optimizer continues bit-exactly");
    }

    [Test]
    public void Gradient_clipping_scales_to_the_max_norm_and_reports_the_original()
    {
        using var scope = NewDisposeScope();
        var p = new Parameter(zeros(2));
        p.grad = tensor(new[] { 3f, 4f });
        using var adam = new AdamWOptimizer([("p", p)]);
        adam.ClipGradNorm(1.0).Should().BeApproximately(5.0, 1e-5);
        p.grad!.norm().ToDouble().Should().BeApproximately(1.0, 1e-4);
    }

    [Test]
    public void Learning_rate_schedules_warm_up_then_decay()
    {
        LearningRateSchedule.At(LearningRateScheduleKind.Cosine, 1.0, 0, 100, 10).Should().BeApproximately(0.1, 1e-12);
        LearningRateSchedule.At(LearningRateScheduleKind.Cosine, 1.0, 10, 100, 10).Should().BeApproximately(1.0, 1e-12);
        LearningRateSchedule.At(LearningRateScheduleKind.Cosine, 1.0, 100, 100, 10, minRatio: 0.1).Should().BeApproximately(0.1, 1e-12);
        LearningRateSchedule.At(LearningRateScheduleKind.Linear, 1.0, 55, 100, 10).Should().BeApproximately(0.5, 1e-12);
        LearningRateSchedule.At(LearningRateScheduleKind.Constant, 2.0, 80, 100, 0).Should().Be(2.0);
    }
}
